package io.hitch.dispatch;

/**
 * A token bucket: {@code burst} tokens at most, refilled at {@code perSecond}; each call takes one.
 * Thread-safe.
 */
public final class TokenBucket {

    private final double perNano;
    private final double burst;
    private double tokens;
    private long last;

    /**
     * @param perSecond tokens added per second
     * @param burst     the most tokens the bucket holds, and the tokens it starts with
     */
    public TokenBucket(int perSecond, int burst) {
        this.perNano = perSecond / 1e9;
        this.burst = Math.max(1, burst);
        this.tokens = this.burst;
        this.last = System.nanoTime();
    }

    /** @return whether a token was taken */
    public synchronized boolean tryTake() {
        return tryTake(System.nanoTime());
    }

    synchronized boolean tryTake(long now) {
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
