package io.hitch.it.guard;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts how often each guarded handler actually ran, so a test can prove that one did not. */
@ApplicationScoped
public class Invocations {

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    /** Records one run of {@code route}. */
    public void ran(String route) {
        counts.computeIfAbsent(route, r -> new AtomicInteger()).incrementAndGet();
    }

    /** @return how often {@code route} ran */
    public int count(String route) {
        AtomicInteger count = counts.get(route);
        return count == null ? 0 : count.get();
    }
}
