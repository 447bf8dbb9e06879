package io.hitch.client;

/**
 * What came with a push or a server request besides its data.
 *
 * @param route the route it was sent to
 * @param id    the server's request id for a server request (its answer is the reply); null for a push
 * @param from  for a frame another client sent through {@code hitch.relay}: that client's peer id; else null
 */
public record Meta(String route, Object id, String from) {
}
