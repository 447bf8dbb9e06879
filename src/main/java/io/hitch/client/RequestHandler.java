package io.hitch.client;

/**
 * Answers the server's requests to one route (a route asking this client, or another client's
 * {@code hitch.relay}). The return value is the reply; a {@code CompletionStage} replies when it
 * completes. A thrown (or failed with) {@link HitchException} answers an error reply with its code,
 * message and details; any other exception answers {@code internal}.
 *
 * <pre>{@code
 * client.onRequest("confirm", Question.class, (question, meta) -> ui.ask(question.text()));
 * }</pre>
 *
 * @param <T> the type the request's data binds to (JSON-B)
 */
@FunctionalInterface
public interface RequestHandler<T> {

    /**
     * @param data the request's data, bound to {@code T}
     * @param meta the route, the server's id, and for a relay the caller's peer id
     * @return the reply data (serialized with JSON-B), or a {@code CompletionStage} of it
     * @throws Exception to answer with an error reply
     */
    Object answer(T data, Meta meta) throws Exception;
}
