package io.hitch.metrics;

import io.hitch.api.PeerConnected;
import io.hitch.api.PeerDisconnected;
import io.hitch.backplane.BackplaneListener;
import io.hitch.dispatch.DispatchListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hitch's MicroProfile Metrics, scraped in Prometheus format at {@code /metrics}: connections now
 * and in total, closes by cause (slow consumer, rate limit, ping timeout), and per route: calls,
 * errors by code, and latency. It listens to lifecycle events and dispatch; nothing depends on it.
 * The latency timers are histograms with the fixed buckets of {@link MetricsDefaults}.
 */
@ApplicationScoped
public class HitchMetrics implements DispatchListener, BackplaneListener {

    private final AtomicLong connected = new AtomicLong();
    private MetricRegistry registry;
    private Counter connections;
    private Timer backplaneLatency;
    private Counter undeliverable;

    protected HitchMetrics() {
        // for CDI proxies
    }

    @Inject
    public HitchMetrics(MetricRegistry registry) {
        this.registry = registry;
        this.connections = registry.counter("hitch.connections.opened");
        this.backplaneLatency = registry.timer("hitch.backplane.latency");
        this.undeliverable = registry.counter("hitch.backplane.undeliverable");
        registry.gauge("hitch.connections", connected, AtomicLong::get);
    }

    /**
     * One route's metrics, looked up together: this runs for every answer. Its error counters are
     * kept here too, so an error costs no registry lookup either.
     */
    private record RouteMetrics(Counter calls, Timer latency, Map<String, Counter> errors) {
    }

    private final Map<String, RouteMetrics> routes = new ConcurrentHashMap<>();

    @Override
    public void answered(String route, String errorCode, long nanos) {
        RouteMetrics metrics = routes.get(route);
        if (metrics == null) {
            metrics = routes.computeIfAbsent(route, r -> new RouteMetrics(
                    registry.counter("hitch.route.calls", new Tag("route", r)),
                    registry.timer("hitch.route.latency", new Tag("route", r)),
                    new ConcurrentHashMap<>(4)));
        }
        metrics.calls().inc();
        metrics.latency().update(Duration.ofNanos(nanos));
        if (errorCode != null) {
            Counter errors = metrics.errors().get(errorCode);
            if (errors == null) {
                errors = metrics.errors().computeIfAbsent(errorCode, code -> registry.counter(
                        "hitch.route.errors", new Tag("route", route), new Tag("code", code)));
            }
            errors.inc();
        }
    }

    void opened(@Observes PeerConnected event) {
        connected.incrementAndGet();
        connections.inc();
    }

    void closed(@Observes PeerDisconnected event) {
        connected.decrementAndGet();
        String cause = cause(event.code(), event.reason());
        registry.counter("hitch.connections.closed", new Tag("cause", cause)).inc();
    }

    @Override
    public void published(long nanos) {
        backplaneLatency.update(Duration.ofNanos(nanos));
    }

    @Override
    public void undeliverable(String what) {
        undeliverable.inc();
    }

    static String cause(int code, String reason) {
        String why = reason == null ? "" : reason;
        if (code == 1008 && why.startsWith("slow consumer")) {
            return "slow_consumer";
        }
        if (code == 1008 && why.startsWith("rate limit")) {
            return "rate_limit";
        }
        return switch (code) {
            case 4408 -> "ping_timeout";
            case 1000 -> "normal";
            case 1001 -> "going_away";
            case 1006, 1011 -> "dropped";
            case 1009 -> "too_large";
            default -> "other";
        };
    }
}
