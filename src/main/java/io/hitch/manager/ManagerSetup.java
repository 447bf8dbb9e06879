package io.hitch.manager;

import io.hitch.transport.BlockingWrites;
import io.hitch.transport.Endpoints;
import io.hitch.transport.HandshakeConfigurator;
import io.hitch.transport.HitchEndpoint;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.List;

/** Registers the manager console's endpoint, {@code /manager/ws}, as the application starts. */
@WebListener
public class ManagerSetup implements ServletContextListener {

    @Inject
    ManagerHub hub;
    @Inject
    BlockingWrites blocking;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        Endpoints.add(event.getServletContext(), ServerEndpointConfig.Builder
                .create(ManagerEndpoint.class, ManagerEndpoint.PATH)
                .subprotocols(List.of(HitchEndpoint.SUBPROTOCOL))
                .configurator(new HandshakeConfigurator(() -> new ManagerEndpoint(hub, blocking)))
                .build());
    }
}
