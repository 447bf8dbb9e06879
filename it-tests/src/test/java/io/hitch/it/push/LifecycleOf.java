package io.hitch.it.push;

import io.hitch.api.Peer;
import io.hitch.api.Route;
import io.hitch.api.RouteHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * {@code test.lifecycle.of} {peer, count}: answers the lifecycle events recorded for that peer as
 * soon as there are at least {@code count} of them (the route timeout bounds the wait).
 */
@Route("test.lifecycle.of")
@ApplicationScoped
public class LifecycleOf implements RouteHandler<LifecycleOf.Query, CompletionStage<List<LifecycleRecorder.Seen>>> {

    /** The request. */
    public record Query(@NotBlank String peer, @Positive int count) {
    }

    @Inject
    LifecycleRecorder recorder;

    @Override
    public CompletionStage<List<LifecycleRecorder.Seen>> handle(Query query, Peer caller) {
        return recorder.await(query.peer(), query.count());
    }
}
