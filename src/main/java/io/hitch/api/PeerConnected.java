package io.hitch.api;

/**
 * CDI event fired once per connection, after its welcome was sent. Observe it in any bean:
 *
 * <pre>{@code
 * void greet(@Observes PeerConnected event) {
 *     event.peer().push("motd", Map.of("text", "Maintenance at 22:00"));
 * }
 * }</pre>
 *
 * @param peer the new peer
 */
public record PeerConnected(Peer peer) {
}
