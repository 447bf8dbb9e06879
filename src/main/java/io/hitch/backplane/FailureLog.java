package io.hitch.backplane;

import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Logs backplane failures without flooding the log during an outage: at most one line a second. */
final class FailureLog {

    private final Logger log;
    private final AtomicLong lastNanos = new AtomicLong(System.nanoTime() - 2_000_000_000L);
    private final AtomicLong suppressed = new AtomicLong();

    FailureLog(Logger log) {
        this.log = log;
    }

    void log(String what, Throwable error) {
        long now = System.nanoTime();
        long last = lastNanos.get();
        if (now - last < 1_000_000_000L || !lastNanos.compareAndSet(last, now)) {
            suppressed.incrementAndGet();
            return;
        }
        long more = suppressed.getAndSet(0);
        log.log(Level.WARNING, what + (error == null ? "" : ": " + error) + (more == 0 ? ""
                : " (and " + more + " more failures in the last second)"));
    }
}
