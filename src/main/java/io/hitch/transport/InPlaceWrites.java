package io.hitch.transport;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the container threads that may be inside a write in place at once. Such a write returns
 * when the client's socket takes the bytes; a client that stops reading keeps its own reading
 * thread there until the connection is closed (by the heartbeat's ping timeout, or by a slow
 * consumer close). Past the bound, frames take the asynchronous path instead, so clients that do
 * not read can hold at most that many threads, whatever the configuration. Thread-safe.
 */
final class InPlaceWrites {

    /** The bound for a machine with this many processors. */
    static final int DEFAULT_MAX = Math.max(32, 4 * Runtime.getRuntime().availableProcessors());

    private final int max;
    private final AtomicInteger inProgress = new AtomicInteger();

    /** @param max writes in place that may be in progress at once */
    InPlaceWrites(int max) {
        this.max = max;
    }

    /** @return false if the bound is reached: write asynchronously instead */
    boolean tryStart() {
        if (inProgress.incrementAndGet() > max) {
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
