package io.hitch.transport;

import jakarta.servlet.ServletContext;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;

/** Adds programmatic endpoints to the application's WebSocket container while it starts. */
public final class Endpoints {

    private Endpoints() {
    }

    /**
     * @param context the starting application's servlet context
     * @param config  the endpoint to add
     * @throws IllegalStateException if the container is missing (no WebSocket feature) or refuses it
     */
    public static void add(ServletContext context, ServerEndpointConfig config) {
        Object container = context.getAttribute(ServerContainer.class.getName());
        if (!(container instanceof ServerContainer server)) {
            throw new IllegalStateException("No WebSocket container for " + config.getPath()
                    + ": enable a websocket feature (websocket-2.2) in server.xml");
        }
        try {
            server.addEndpoint(config);
        } catch (DeploymentException e) {
            throw new IllegalStateException("The WebSocket container refused " + config.getPath() + ": " + e.getMessage(), e);
        }
    }
}
