package io.hitch.dispatch;

import io.hitch.api.Peer;
import io.hitch.protocol.Frame;

/** What the dispatcher needs of a connection: who it is, a way to send, and its in-flight count. */
public interface Channel {

    /** @return the peer as route handlers see it */
    Peer peer();

    /**
     * Queues one frame for sending; never blocks.
     *
     * @param frame the frame's JSON text
     */
    void send(String frame);

    /**
     * @param limit the most requests that may be in flight
     * @return whether a slot was taken; every taken slot is given back with {@link #endRequest()}
     */
    boolean tryStartRequest(int limit);

    /** Gives back a slot taken by {@link #tryStartRequest(int)}. */
    void endRequest();

    /**
     * Hands the client's answer to a request the server sent it.
     *
     * @param answer a {@link Frame.Reply} or {@link Frame.ErrorReply}
     * @return false if no request with that id is waiting
     */
    default boolean answered(Frame answer) {
        return false;
    }

    /**
     * @param key       what the bucket limits ({@code "*"} for the whole connection, else a route)
     * @param perSecond the bucket's rate when it is made, on first use
     * @param burst     the bucket's burst when it is made, on first use
     * @return the connection's bucket for {@code key}, or null when this channel is not rate limited
     */
    default TokenBucket bucket(String key, int perSecond, int burst) {
        return null;
    }

    /** @return the rate-limited frames of this connection in the last 10 seconds, this one included */
    default int strike() {
        return 0;
    }

    /** Closes the connection once the frames already queued are sent. */
    default void closeAfterSending(int code, String reason) {
    }

    /** Remembers an answer that is still to come, so a shutdown can give it first. */
    default void track(Object key, Runnable giveUp) {
    }

    /** Forgets an answer given. */
    default void untrack(Object key) {
    }
}
