package io.hitch.manager;

import io.hitch.api.Peer;
import io.hitch.dispatch.DispatchListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonValue;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/** Live per-route statistics for the manager: calls, errors by code, in flight, latency percentiles. */
@ApplicationScoped
public class RouteStats implements DispatchListener {

    /** One route's figures, as the manager shows them. */
    public record Figures(long calls, Map<String, Long> errors, long inFlight, double p50Ms, double p99Ms) {
    }

    // Latency buckets by powers of two of microseconds: 1 us .. ~36 min.
    private static final int BUCKETS = 32;

    private static final class Route {
        final LongAdder calls = new LongAdder();
        final LongAdder started = new LongAdder();
        final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        final AtomicLongArray latency = new AtomicLongArray(BUCKETS);
    }

    private final Map<String, Route> routes = new ConcurrentHashMap<>();

    @Override
    public void started(Peer caller, String route, JsonValue data) {
        route(route).started.increment();
    }

    @Override
    public void answered(String route, String errorCode, long nanos) {
        Route r = route(route);
        r.calls.increment();
        if (errorCode != null) {
            r.errors.computeIfAbsent(errorCode, c -> new LongAdder()).increment();
        }
        long micros = Math.max(1, nanos / 1_000);
        r.latency.incrementAndGet(Math.min(BUCKETS - 1, 63 - Long.numberOfLeadingZeros(micros)));
    }

    /** @return the figures of {@code route}, zero when it was never called */
    public Figures figures(String route) {
        Route r = routes.get(route);
        if (r == null) {
            return new Figures(0, Map.of(), 0, 0, 0);
        }
        Map<String, Long> errors = new TreeMap<>();
        r.errors.forEach((code, n) -> errors.put(code, n.sum()));
        long calls = r.calls.sum();
        return new Figures(calls, errors, Math.max(0, r.started.sum() - calls), percentile(r, 0.50),
                percentile(r, 0.99));
    }

    // The upper bound of the bucket holding the percentile: an estimate within a factor of two.
    private static double percentile(Route r, double p) {
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            total += r.latency.get(i);
        }
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(p * total);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += r.latency.get(i);
            if (seen >= rank) {
                return (1L << (i + 1)) / 1000.0;
            }
        }
        return (1L << BUCKETS) / 1000.0;
    }

    private Route route(String name) {
        return routes.computeIfAbsent(name, n -> new Route());
    }
}
