package io.hitch.client;

/**
 * Receives the pushes (and relayed notifications) to one route, in the order they arrived.
 *
 * <pre>{@code
 * client.on("chat.message", ChatMessage.class, (message, meta) -> show(message));
 * }</pre>
 *
 * @param <T> the type the push's data binds to (JSON-B); {@code jakarta.json.JsonValue} for the raw tree
 */
@FunctionalInterface
public interface PushHandler<T> {

    /**
     * @param data the push's data, bound to {@code T} (null when the push carried none)
     * @param meta the route and, for relayed notifications, the sender's peer id
     */
    void accept(T data, Meta meta);
}
