package io.hitch.transport;

import io.hitch.config.AccessConfig;
import io.hitch.dispatch.HitchRuntime;
import io.hitch.peers.PeerRegistry;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.security.Principal;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Checks every WebSocket upgrade before it happens: the Origin against the allow-list, a connect
 * token when the container authenticated no one, and the connection caps. A refusal is an HTTP error
 * (403, 401, 429) and no connection is made. What it learns is handed to
 * {@link HandshakeConfigurator} on this thread: Jakarta WebSocket has no standard way to read the
 * remote address, but the upgrade runs on the thread of this filter chain.
 */
@WebFilter(urlPatterns = {"/ws", "/manager/ws"}, asyncSupported = true)
public class HandshakeFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger("io.hitch");
    private static final ThreadLocal<Admitted> ADMITTED = new ThreadLocal<>();

    /** What the filter decided about the upgrade on this thread; {@code claimed} once the handshake happened. */
    static final class Admitted {
        final String remoteAddress;
        final Principal principal;
        final Set<String> roles;
        volatile boolean claimed;

        Admitted(String remoteAddress, Principal principal, Set<String> roles) {
            this.remoteAddress = remoteAddress;
            this.principal = principal;
            this.roles = roles;
        }

        String remoteAddress() {
            return remoteAddress;
        }

        Principal principal() {
            return principal;
        }

        Set<String> roles() {
            return roles;
        }
    }

    @Inject
    transient AccessConfig access;
    @Inject
    transient ConnectTokens tokens;
    @Inject
    transient PeerRegistry peers;
    @Inject
    transient HitchRuntime runtime;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            chain.doFilter(request, response);
            return;
        }
        String remote = request.getRemoteAddr();
        String origin = request.getHeader("Origin");
        // The manager's page is served by this server only: no other origin may open its endpoint.
        boolean manager = request.getRequestURI().substring(request.getContextPath().length()).startsWith("/manager/");
        if (!originAllowed(origin, request, !manager)) {
            refuse(response, HttpServletResponse.SC_FORBIDDEN, "origin not allowed", remote,
                    "origin " + (origin == null ? "(none)" : clip(origin)));
            return;
        }
        Principal principal = request.getUserPrincipal();
        if (principal == null && request.getHeader("Authorization") != null) {
            // Credentials the container did not accept must not fall back to an anonymous connection.
            refuse(response, HttpServletResponse.SC_UNAUTHORIZED, "invalid credentials", remote, "invalid credentials");
            return;
        }
        Set<String> roles;
        if (principal != null) {
            roles = runtime.roles().stream().filter(request::isUserInRole).collect(Collectors.toSet());
        } else {
            Optional<String> token = offeredToken(request);
            Optional<ConnectTokens.Grant> grant = token.flatMap(tokens::redeem);
            if (token.isPresent() && grant.isEmpty()) {
                refuse(response, HttpServletResponse.SC_UNAUTHORIZED, "invalid or expired connect token", remote,
                        "an invalid or expired connect token");
                return;
            }
            principal = grant.orElse(null);
            roles = grant.map(ConnectTokens.Grant::roles).orElse(Set.of());
        }
        // Only application connections count against the caps; manager consoles do not.
        boolean capped = request.getRequestURI().equals(request.getContextPath() + "/ws");
        String user = principal == null ? null : principal.getName();
        if (capped && !peers.caps().tryReserve(user, remote, access.maxConnectionsPerPrincipal(),
                access.maxConnectionsPerAddress())) {
            refuse(response, 429, "too many connections", remote, "the connection cap");
            return;
        }
        Admitted admitted = new Admitted(remote, principal, roles);
        ADMITTED.set(admitted);
        try {
            chain.doFilter(request, response);
        } finally {
            ADMITTED.remove();
            if (capped && !admitted.claimed) {
                peers.caps().release(user, remote);
            }
        }
    }

    /** @return what the filter admitted on this thread, or null */
    static Admitted admitted() {
        return ADMITTED.get();
    }

    private boolean originAllowed(String origin, HttpServletRequest request, boolean allowList) {
        if (origin == null) {
            return access.allowNoOrigin();
        }
        String normalized = normalize(origin.trim().toLowerCase(Locale.ROOT));
        String self = normalize(request.getScheme().toLowerCase(Locale.ROOT) + "://"
                + String.valueOf(request.getHeader("Host")).toLowerCase(Locale.ROOT));
        return normalized.equals(self) || allowList && access.origins().stream().map(HandshakeFilter::normalize)
                .anyMatch(normalized::equals);
    }

    // http://host:80 and http://host are the same origin.
    private static String normalize(String origin) {
        if (origin.startsWith("http://") && origin.endsWith(":80")) {
            return origin.substring(0, origin.length() - 3);
        }
        if (origin.startsWith("https://") && origin.endsWith(":443")) {
            return origin.substring(0, origin.length() - 4);
        }
        return origin;
    }

    private static Optional<String> offeredToken(HttpServletRequest request) {
        var headers = request.getHeaders("Sec-WebSocket-Protocol");
        while (headers != null && headers.hasMoreElements()) {
            for (String protocol : headers.nextElement().split(",")) {
                String p = protocol.trim();
                if (p.startsWith(ConnectTokens.SUBPROTOCOL_PREFIX)) {
                    return Optional.of(p.substring(ConnectTokens.SUBPROTOCOL_PREFIX.length()));
                }
            }
        }
        return Optional.empty();
    }

    private static void refuse(HttpServletResponse response, int status, String message, String remote, String why)
            throws IOException {
        LOG.info(() -> "Refused a WebSocket upgrade from " + remote + ": " + why);
        response.sendError(status, message);
    }

    private static String clip(String text) {
        return text.length() > 100 ? text.substring(0, 100) + "..." : text;
    }
}
