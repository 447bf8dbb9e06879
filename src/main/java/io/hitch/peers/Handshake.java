package io.hitch.peers;

import java.security.Principal;

/**
 * What the WebSocket upgrade request told about a connection.
 *
 * @param principal     the authenticated user, or null
 * @param remoteAddress the client's IP address, or "unknown"
 * @param origin        the Origin header, or null
 * @param userAgent     the User-Agent header, or null
 */
public record Handshake(Principal principal, String remoteAddress, String origin, String userAgent) {
}
