package io.hitch.peers;

import java.util.function.Consumer;

/** The transport's side of one connection: asynchronous sends and closing. */
public interface FrameSink {

    /**
     * Starts sending one text frame; {@code done} runs when it is written (with null) or failed.
     *
     * @param frame the text
     * @param done  the completion callback, may run on any thread, even before this method returns
     */
    void send(String frame, Consumer<Throwable> done);

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

    /** Sends a WebSocket ping; the pong arrives through the transport. */
    default void ping() {
    }
}
