package io.hitch.metrics;

import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.Map;
import java.util.Set;

/**
 * Default MicroProfile Metrics distribution settings for Hitch's timers, as a low-priority config
 * source: {@code hitch.route.latency} and {@code hitch.backplane.latency} publish fixed histogram
 * buckets (count, sum, max and {@code le} buckets in Prometheus) instead of client-side percentiles.
 *
 * <p>Percentiles cost about twice as much per call as buckets: every call goes through a
 * concurrent HdrHistogram, and they cannot be aggregated across nodes, while buckets can
 * ({@code histogram_quantile(0.99, sum by (le) (rate(hitch_route_latency_seconds_bucket[5m])))}).
 * An application's own {@code microprofile-config.properties} (ordinal 100) or the environment
 * overrides these keys as a whole; an application that sets them for its own metrics should add
 * Hitch's entries to its value.
 */
public final class MetricsDefaults implements ConfigSource {

    /** Below {@code microprofile-config.properties} (100), so an application's file wins. */
    static final int ORDINAL = 50;

    // Millisecond buckets (SmallRye accepts whole ms, s, m, h) up to the default request timeout.
    static final Map<String, String> VALUES = Map.of(
            "mp.metrics.distribution.percentiles", "hitch.route.latency=;hitch.backplane.latency=",
            "mp.metrics.distribution.timer.buckets",
            "hitch.route.latency=1ms,2ms,5ms,10ms,25ms,50ms,100ms,250ms,500ms,1s,2s,5s,10s,30s;"
                    + "hitch.backplane.latency=1ms,2ms,5ms,10ms,25ms,50ms,100ms,250ms,500ms,1s,5s");

    @Override
    public Set<String> getPropertyNames() {
        return VALUES.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return VALUES.get(propertyName);
    }

    @Override
    public String getName() {
        return "hitch-metrics-defaults";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
