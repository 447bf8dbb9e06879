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
}
