package io.hitch.peers;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where one peer stands in the streams it receives: for each stream, the number of the last push it
 * joined after (it is not entitled to earlier ones). While the peer is held (it connected to resume),
 * group and broadcast pushes are retained but not sent to it, until its resume catches it up.
 */
final class Positions {

    private final Map<String, Long> from = new ConcurrentHashMap<>();
    private volatile boolean held;
    private volatile long heldSinceNanos;

    Map<String, Long> from() {
        return from;
    }

    boolean held() {
        return held;
    }

    void hold() {
        heldSinceNanos = System.nanoTime();
        held = true;
    }

    void release() {
        held = false;
    }

    long heldSinceNanos() {
        return heldSinceNanos;
    }
}
