package io.hitch.api;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * One connected client. Route handlers get the caller as a parameter; other beans find peers
 * through {@link Peers}.
 *
 * <pre>{@code
 * public Greeting handle(HelloRequest request, Peer caller) {
 *     String user = caller.principal().map(Principal::getName).orElse("guest");
 *     caller.push("notice", Map.of("text", "welcome back, " + user));
 *     return new Greeting("Hello, " + request.name() + "!");
 * }
 * }</pre>
 */
public interface Peer {

    /** @return the peer id, unique on this server, also sent to the client in the welcome */
    String id();

    /** @return the authenticated user of the WebSocket upgrade, if the container authenticated one */
    Optional<Principal> principal();

    /**
     * @param role a role name, as used in {@code @RolesAllowed}
     * @return whether the authenticated user of this connection has that role (false when anonymous)
     */
    boolean isUserInRole(String role);

    /** @return the client's IP address as the server saw it (a proxy's, behind one) */
    String remoteAddress();

    /** @return when the connection opened */
    Instant connectedAt();

    /**
     * @return a small per-connection key/value store, safe for concurrent use; it lives as long as
     *         the connection
     */
    Map<String, Object> attributes();

    /** @return the names of the groups this peer is in, a snapshot */
    Set<String> groups();

    /** @return whether the connection is still open */
    boolean isOpen();

    /**
     * Sends a push: a notification from the server, handled on the client by {@code on(route, ...)}.
     * Never blocks; frames to a closed peer are dropped.
     *
     * @param route the route name, e.g. {@code "chat.message"}
     * @param data  anything JSON-B serializes, or null
     */
    void push(String route, Object data);

    /**
     * Asks the client: sends a request to the client's handler for {@code route} and completes with
     * its reply, bound to {@code replyType}. The stage fails with a {@link RouteException} whose code
     * is the client's error code, {@code timeout} when no answer comes in time, or
     * {@code unavailable} when the peer disconnects first.
     *
     * <pre>{@code
     * peer.request("confirm", Map.of("text", "Delete?"), Boolean.class, Duration.ofSeconds(10))
     *     .thenAccept(yes -> { if (yes) delete(); });
     * }</pre>
     *
     * @param route     the client route
     * @param data      the request data
     * @param replyType the type the reply data binds to ({@code JsonValue} for the raw tree)
     * @param timeout   how long to wait for the answer
     * @param <T>       the reply type
     * @return a stage completing with the client's reply
     */
    <T> CompletionStage<T> request(String route, Object data, Class<T> replyType, Duration timeout);

    /**
     * Closes the connection.
     *
     * @param code   a WebSocket close code (1000 normal, 1008 policy, 4000-4999 for applications)
     * @param reason a short reason, at most 123 bytes
     */
    void close(int code, String reason);
}
