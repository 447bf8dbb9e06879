package io.hitch.metrics;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsDefaultsTest {

    private final MetricsDefaults defaults = new MetricsDefaults();

    // The MP Metrics format: "name=v1,v2;name2=..."; a name with no values turns percentiles off.
    private static Map<String, String> entries(String value) {
        return Arrays.stream(value.split(";")).map(e -> e.split("=", -1))
                .collect(Collectors.toMap(e -> e[0], e -> e[1]));
    }

    @Test
    void itIsRegisteredAsAConfigSource() throws IOException {
        try (InputStream in = getClass().getResourceAsStream(
                "/META-INF/services/org.eclipse.microprofile.config.spi.ConfigSource")) {
            assertEquals(MetricsDefaults.class.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
        }
    }

    @Test
    void anApplicationsOwnConfigFileWins() {
        assertTrue(defaults.getOrdinal() < 100);
    }

    @Test
    void bothTimersPublishNoPercentiles() {
        Map<String, String> percentiles = entries(defaults.getValue("mp.metrics.distribution.percentiles"));
        assertEquals(Map.of("hitch.route.latency", "", "hitch.backplane.latency", ""), percentiles);
    }

    @Test
    void bothTimersHaveAscendingBucketsInUnitsSmallRyeAccepts() {
        Map<String, String> buckets = entries(defaults.getValue("mp.metrics.distribution.timer.buckets"));
        assertEquals(List.of("hitch.backplane.latency", "hitch.route.latency"), buckets.keySet().stream().sorted().toList());
        buckets.values().forEach(list -> {
            long previous = 0;
            for (String bucket : list.split(",")) {
                assertTrue(bucket.matches("[0-9]+(ms|s)"), bucket);
                long ms = bucket.endsWith("ms") ? Long.parseLong(bucket.replace("ms", ""))
                        : Long.parseLong(bucket.replace("s", "")) * 1000;
                assertTrue(ms > previous, list + " is not ascending");
                previous = ms;
            }
        });
    }
}
