package io.hitch.client;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * When to reconnect after a connection drops: exponential backoff with jitter, as in the JavaScript
 * client. The n-th attempt since the last welcome waits {@code min(maxDelay, initialDelay * factor^(n-1))},
 * jittered.
 *
 * @param initialDelay the backoff of the first attempt
 * @param maxDelay     the largest backoff
 * @param factor       the growth per attempt, at least 1
 * @param jitter       how the backoff is randomized
 * @param maxAttempts  attempts before giving up (then pending calls fail with {@code disconnected})
 */
public record Reconnect(Duration initialDelay, Duration maxDelay, double factor, Jitter jitter, int maxAttempts) {

    /** 0.5 s, doubling, at most 15 s, equal jitter, attempts without end. */
    public static final Reconnect DEFAULT = new Reconnect(Duration.ofMillis(500), Duration.ofSeconds(15), 2,
            Jitter.EQUAL, Integer.MAX_VALUE);
    /** Never reconnect: a dropped connection closes the client. */
    public static final Reconnect NEVER = new Reconnect(Duration.ZERO, Duration.ZERO, 1, Jitter.NONE, 0);

    /** How a backoff is randomized, so that clients dropped together do not come back together. */
    public enum Jitter {
        /** Half the backoff plus a random half. */
        EQUAL,
        /** A random delay from zero to the backoff. */
        FULL,
        /** Exactly the backoff. */
        NONE
    }

    public Reconnect {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(jitter, "jitter");
        if (initialDelay.isNegative() || maxDelay.isNegative() || !(factor >= 1) || maxAttempts < 0) {
            throw new IllegalArgumentException("delays must be >= 0, factor >= 1 and maxAttempts >= 0");
        }
    }

    /**
     * @param attempt the attempt number, from 1
     * @param random  uniform values in [0, 1)
     * @return how long to wait before that attempt
     */
    Duration delay(int attempt, DoubleSupplier random) {
        double backoff = Math.min(maxDelay.toMillis(), initialDelay.toMillis() * Math.pow(factor, attempt - 1));
        double ms = switch (jitter) {
            case EQUAL -> backoff / 2 + random.getAsDouble() * backoff / 2;
            case FULL -> random.getAsDouble() * backoff;
            case NONE -> backoff;
        };
        return Duration.ofMillis(Math.round(ms));
    }
}
