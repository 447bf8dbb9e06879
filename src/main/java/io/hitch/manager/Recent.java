package io.hitch.manager;

import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A value loaded at most once per period however many callers ask: every console's state push
 * shares one read of the cluster's presence.
 */
final class Recent<T> {

    private final long periodNanos;
    private final LongSupplier nanoClock;
    private final Supplier<T> load;
    private T value;
    private long loadedAt;
    private boolean loaded;

    Recent(long periodNanos, LongSupplier nanoClock, Supplier<T> load) {
        this.periodNanos = periodNanos;
        this.nanoClock = nanoClock;
        this.load = load;
    }

    // Callers during a load wait for it rather than start another.
    synchronized T get() {
        long now = nanoClock.getAsLong();
        if (!loaded || now - loadedAt >= periodNanos) {
            value = load.get();
            loadedAt = now;
            loaded = true;
        }
        return value;
    }
}
