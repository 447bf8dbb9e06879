package io.hitch.client;

/** A registered handler; {@link #close()} removes it. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {

    /** Removes the handler; later frames to its route no longer reach it. Idempotent. */
    @Override
    void close();
}
