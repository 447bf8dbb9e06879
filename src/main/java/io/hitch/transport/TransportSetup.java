package io.hitch.transport;

import io.hitch.dispatch.HitchRuntime;
import io.hitch.peers.PeerRegistry;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.List;

/** Registers the hitch/1 endpoint, {@code /ws}, with the container as the application starts. */
@WebListener
public class TransportSetup implements ServletContextListener {

    @Inject
    HitchRuntime runtime;
    @Inject
    PeerRegistry peers;
    @Inject
    BlockingWrites blocking;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        Endpoints.add(event.getServletContext(), ServerEndpointConfig.Builder
                .create(HitchEndpoint.class, HitchEndpoint.PATH)
                .subprotocols(List.of(HitchEndpoint.SUBPROTOCOL))
                .configurator(new HandshakeConfigurator(() -> new HitchEndpoint(runtime, peers, blocking)))
                .build());
    }
}
