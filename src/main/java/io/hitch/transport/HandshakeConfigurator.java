package io.hitch.transport;

import io.hitch.peers.Handshake;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Records what the upgrade request says about the client. The container gives every session its
 * own copy of these user properties (Jakarta WebSocket 2.1 and later).
 */
public class HandshakeConfigurator extends ServerEndpointConfig.Configurator {

    private final Supplier<? extends Endpoint> endpoints;

    /** @param endpoints makes the endpoint instance of each new connection */
    public HandshakeConfigurator(Supplier<? extends Endpoint> endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) {
        return endpointClass.cast(endpoints.get());
    }

    static final String HANDSHAKE = "io.hitch.handshake";
    /** The query parameter of a connection that will resume a previous one (PROTOCOL.md §5.5). */
    static final String RESUME = "resume";

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        HandshakeFilter.Admitted admitted = HandshakeFilter.admitted();
        if (admitted != null) {
            admitted.claimed = true;
        }
        config.getUserProperties().put(HANDSHAKE, new Handshake(
                admitted == null ? request.getUserPrincipal() : admitted.principal(),
                admitted == null ? "unknown" : admitted.remoteAddress(), header(request.getHeaders(), "origin"),
                header(request.getHeaders(), "user-agent"), admitted == null ? Set.of() : admitted.roles(),
                request.getParameterMap().containsKey(RESUME)));
    }

    /** @return what the upgrade of {@code session} said, or what the session itself knows */
    public static Handshake handshakeOf(jakarta.websocket.Session session) {
        Handshake handshake = (Handshake) session.getUserProperties().get(HANDSHAKE);
        return handshake != null ? handshake : new Handshake(session.getUserPrincipal(), "unknown", null, null);
    }

    private static String header(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
                String value = header.getValue().get(0);
                return value.length() > 512 ? value.substring(0, 512) : value;
            }
        }
        return null;
    }
}
