package io.hitch.it.push;

import io.hitch.api.Peer;
import io.hitch.api.Peers;
import io.hitch.api.Route;
import io.hitch.api.RouteException;
import io.hitch.api.RouteHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * {@code test.ask} {peer, route, data, timeoutMs}: sends the peer a server-to-client request with
 * {@link Peer#request} and answers with the client's reply data; the client's error (or the
 * request's {@code timeout} / {@code unavailable}) becomes this route's error reply, code and all.
 */
@Route("test.ask")
@ApplicationScoped
public class Ask implements RouteHandler<Ask.Question, CompletionStage<JsonValue>> {

    /** The request. */
    public record Question(@NotBlank String peer, @NotBlank String route, JsonValue data,
                           @NotNull @Positive Long timeoutMs) {
    }

    @Inject
    Peers peers;

    @Override
    public CompletionStage<JsonValue> handle(Question question, Peer caller) {
        Peer target = peers.find(question.peer())
                .orElseThrow(() -> new RouteException("unavailable", "no such peer"));
        return target.request(question.route(), question.data(), JsonValue.class,
                Duration.ofMillis(question.timeoutMs()));
    }
}
