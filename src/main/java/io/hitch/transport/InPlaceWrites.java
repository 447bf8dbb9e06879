package io.hitch.transport;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the container threads that may be inside a write in place at once. Such a write returns
 * when the client's socket takes the bytes; a client that stops reading keeps its own reading
 * thread there until the connection is closed (by the heartbeat's ping timeout, or by a slow
 * consumer close). Past the bound, frames take the asynchronous path instead, so clients that do
 * not read can hold at most this many threads, whatever the configuration.
 */
@ApplicationScoped
public class InPlaceWrites {

    /** Writes in place that may be in progress at once. */
    static final int MAX = Math.max(32, 4 * Runtime.getRuntime().availableProcessors());

    private final AtomicInteger inProgress = new AtomicInteger();

    /** @return this bean itself rather than its client proxy, for the hot path to call directly */
    public InPlaceWrites target() {
        return this;
    }

    /** @return false if {@link #MAX} writes are in progress: write asynchronously instead */
    boolean tryStart() {
        if (inProgress.incrementAndGet() > MAX) {
            inProgress.decrementAndGet();
            return false;
        }
        return true;
    }

    /** Ends a write that {@link #tryStart()} admitted. */
    void end() {
        inProgress.decrementAndGet();
    }
}
