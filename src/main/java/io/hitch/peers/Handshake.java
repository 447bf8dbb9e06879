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
 * @param resuming      whether the client connected to resume a previous connection ({@code ?resume})
 */
public record Handshake(Principal principal, String remoteAddress, String origin, String userAgent,
                        Set<String> roles, boolean resuming) {

    public Handshake {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    /** A handshake of a fresh connection. */
    public Handshake(Principal principal, String remoteAddress, String origin, String userAgent, Set<String> roles) {
        this(principal, remoteAddress, origin, userAgent, roles, false);
    }

    /** A handshake without roles. */
    public Handshake(Principal principal, String remoteAddress, String origin, String userAgent) {
        this(principal, remoteAddress, origin, userAgent, Set.of());
    }
}
