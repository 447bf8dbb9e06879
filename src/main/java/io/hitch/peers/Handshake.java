package io.hitch.peers;

import java.security.Principal;
import java.util.Set;

/**
 * What the WebSocket upgrade request told about a connection.
 *
 * @param principal     the authenticated user, or null
 * @param remoteAddress the client's IP address, or "unknown"
 * @param origin        the Origin header, or null
 * @param userAgent     the User-Agent header, or null
 * @param roles         the roles of the principal among those the routes name
 */
public record Handshake(Principal principal, String remoteAddress, String origin, String userAgent,
                        Set<String> roles) {

    public Handshake {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    /** A handshake without roles. */
    public Handshake(Principal principal, String remoteAddress, String origin, String userAgent) {
        this(principal, remoteAddress, origin, userAgent, Set.of());
    }
}
