package io.hitch.it.routes;

import io.hitch.api.Peer;
import io.hitch.api.Route;
import io.hitch.api.RouteHandler;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** Answers {@code data} (milliseconds) later with the same number, without blocking a thread. */
@Route("test.slow")
@ApplicationScoped
public class Slow implements RouteHandler<Long, CompletionStage<Long>> {

    @Override
    public CompletionStage<Long> handle(Long millis, Peer caller) {
        return CompletableFuture.supplyAsync(() -> millis,
                CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS));
    }
}
