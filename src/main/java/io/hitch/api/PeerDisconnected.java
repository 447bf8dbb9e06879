package io.hitch.api;

/**
 * CDI event fired once per connection when it has closed: the peer has left its groups and every
 * request the server had sent it has failed with {@code unavailable}.
 *
 * <pre>{@code
 * void bye(@Observes PeerDisconnected event) {
 *     log.info(event.peer().id() + " left: " + event.code());
 * }
 * }</pre>
 *
 * @param peer   the peer that left (its {@link Peer#groups()} as they were when it closed)
 * @param code   the WebSocket close code (1000 normal, 1001 going away, 1006 or 1011 dropped, ...)
 * @param reason the close reason, possibly empty
 */
public record PeerDisconnected(Peer peer, int code, String reason) {
}
