package io.hitch.peers;

import java.util.function.Consumer;

/** The transport's side of one connection: asynchronous sends, writes in place, and closing. */
public interface FrameSink {

    /**
     * Starts sending one text frame; {@code done} runs when it is written (with null) or failed.
     *
     * @param frame the text
     * @param done  the completion callback, may run on any thread, even before this method returns
     */
    void send(String frame, Consumer<Throwable> done);

    /**
     * Writes one text frame on the calling thread and returns once it is written, if the transport
     * allows a write in place now. The outbox calls it only from the connection's own reading thread
     * and only when nothing else is being written, so the write may block that connection alone.
     *
     * @param frame the text
     * @return false if nothing was written: the caller then uses {@link #send}
     * @throws SendFailedException if the write failed
     */
    default boolean sendNow(String frame) {
        return false;
    }

    /**
     * Closes the connection.
     *
     * @param code   the WebSocket close code
     * @param reason the close reason, at most 123 bytes
     */
    void close(int code, String reason);

    /**
     * Closes the connection without making the caller wait: a transport whose close waits for a
     * write in progress (the write to a peer that does not read may never finish) does it on
     * another thread. By default the same as {@link #close}.
     */
    default void closeLater(int code, String reason) {
        close(code, reason);
    }

    /**
     * Starts sending a WebSocket ping; the pong arrives through the transport. Like {@link #send},
     * it must not block the caller: the caller may be the heartbeat, pinging every peer in turn, and
     * a ping to a peer that does not read could otherwise hold up all the others.
     *
     * @param done the completion callback, may run on any thread, even before this method returns
     */
    default void ping(Consumer<Throwable> done) {
        done.accept(null);
    }
}
