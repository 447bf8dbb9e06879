package io.hitch.client;

import java.time.Duration;
import java.util.List;

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

    /**
     * A reconnected connection resumed the previous one (PROTOCOL.md §5.5): every push it missed has
     * reached its handlers, before this call, and it is in the previous connection's groups again. It
     * keeps its own new peer id ({@link HitchClient#peerId()}).
     *
     * @param previousPeer the peer id of the connection it resumed
     * @param groups       the groups it is in again
     * @param replayed     how many missed pushes the server sent
     */
    default void recovered(String previousPeer, List<String> groups, int replayed) {
    }

    /**
     * A reconnected connection could not resume the previous one: it goes on as a fresh connection, in
     * no group, and pushes sent meanwhile may be lost; re-establish the application's state.
     *
     * @param error why: {@code recovery_failed} from the server (its message says why), or
     *              {@code disconnected} or {@code timeout} when no answer came
     */
    default void recoveryFailed(HitchException error) {
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
