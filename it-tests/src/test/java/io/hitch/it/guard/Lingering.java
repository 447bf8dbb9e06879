package io.hitch.it.guard;

import io.hitch.api.Peer;
import io.hitch.api.Route;
import io.hitch.api.RouteHandler;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * {@code guard.slow} millis: completes its stage {@code millis} later, on a thread of its own, and
 * then logs {@link #COMPLETED}. Completing the stage runs what Hitch chained to it on that thread,
 * so once the line is in the log, Hitch has finished with the late result.
 */
@Route("guard.slow")
@ApplicationScoped
public class Lingering implements RouteHandler<Long, CompletionStage<Long>> {

    /** Logged after the stage was completed and Hitch's reaction to it ran. */
    public static final String COMPLETED = "guard.slow completed its stage after ";
    private static final Logger LOG = Logger.getLogger("io.hitch.it.guard");

    @Override
    public CompletionStage<Long> handle(Long millis, Peer caller) {
        CompletableFuture<Long> stage = new CompletableFuture<>();
        CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS).execute(() -> {
            stage.complete(millis);
            LOG.info(COMPLETED + millis + " ms");
        });
        return stage;
    }
}
