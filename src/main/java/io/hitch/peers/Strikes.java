package io.hitch.peers;

/** Counts events in a sliding-enough window of 10 seconds (two fixed halves). Thread-safe. */
final class Strikes {

    private static final long HALF = 5_000_000_000L;

    private long halfStart = Long.MIN_VALUE;
    private int current;
    private int previous;

    /**
     * @param now the time of the event, from {@link System#nanoTime()}
     * @return events in the last 10 seconds or so, this one included
     */
    synchronized int add(long now) {
        if (halfStart == Long.MIN_VALUE || now - halfStart >= 2 * HALF) {
            halfStart = now;
            previous = 0;
            current = 0;
        } else if (now - halfStart >= HALF) {
            halfStart += HALF;
            previous = current;
            current = 0;
        }
        current++;
        return current + previous;
    }
}
