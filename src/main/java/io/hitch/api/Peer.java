package io.hitch.api;

import java.security.Principal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One connected client, as a route handler sees it.
 *
 * <pre>{@code
 * public Greeting handle(HelloRequest request, Peer caller) {
 *     String user = caller.principal().map(Principal::getName).orElse("guest");
 *     caller.attributes().merge("greetings", 1, (a, b) -> (Integer) a + (Integer) b);
 *     return new Greeting("Hello, " + request.name() + " (" + user + ")");
 * }
 * }</pre>
 */
public interface Peer {

    /** @return the peer id, unique on this server, also sent to the client in the welcome */
    String id();

    /** @return the authenticated user of the WebSocket upgrade, if the container authenticated one */
    Optional<Principal> principal();

    /** @return when the connection opened */
    Instant connectedAt();

    /**
     * @return a small per-connection key/value store, safe for concurrent use; it lives as long as
     *         the connection
     */
    Map<String, Object> attributes();
}
