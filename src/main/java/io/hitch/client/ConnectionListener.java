package io.hitch.client;

import java.time.Duration;

/**
 * Hears about the connection's life, as the JavaScript client's events do. Every method has an empty
 * default; calls come one at a time, in order, on the client's executor.
 */
public interface ConnectionListener {

    /** A connection opened and the server welcomed it. */
    default void welcomed(Welcome welcome) {
    }

    /**
     * The connection closed or could not be opened.
     *
     * @param code   the WebSocket close code (1006 when there was no closing handshake)
     * @param reason the close reason, or why the connection failed
     */
    default void closed(int code, String reason) {
    }

    /** A new connection attempt starts after {@code delay}; {@code attempt} counts from 1 since the last welcome. */
    default void reconnecting(int attempt, Duration delay) {
    }

    /**
     * Something went wrong that no call waits for: a {@code hitch.error} push (a failed notification
     * has its {@link HitchException#route()}), a bad frame from the server, a push that does not bind,
     * or a handler that threw.
     */
    default void error(HitchException error) {
    }
}
