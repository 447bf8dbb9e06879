package io.hitch.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hitch's MicroProfile Metrics as Open Liberty's {@code /metrics} prints them in the Prometheus text
 * format: names with {@code _total} for counters and the {@code mp_scope="application"} label, e.g.
 * {@code hitch_connections_closed_total{cause="rate_limit",mp_scope="application",} 1.0}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MetricsIT {

    private static final String GAUGE = "hitch_connections{mp_scope=\"application\",}";
    private static final String OPENED = "hitch_connections_opened_total{mp_scope=\"application\",}";
    private static final String LATENCY = "hitch_route_latency_seconds";
    private static final int STRIKES = 3;
    private static final String RATE_LIMIT_CLOSES =
            "hitch_connections_closed_total{cause=\"rate_limit\",mp_scope=\"application\",}";

    // Not "metrics": that context root belongs to Liberty's /metrics endpoint.
    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.hitchWith("hitch-metrics",
                "hitch.rate-limit.per-second=5\nhitch.rate-limit.burst=5\nhitch.rate-limit.strikes=" + STRIKES + "\n");
    }

    @ArquillianResource
    URL base;

    private String metrics() {
        var response = HitchTestClient.http("GET", URI.create(base.getProtocol() + "://" + base.getHost() + ":"
                + base.getPort() + "/metrics"), Map.of("Accept", "text/plain"));
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    /** @return the value of the sample named exactly {@code sample} (name and labels), 0 when absent */
    private double value(String sample) {
        return metrics().lines().filter(l -> l.startsWith(sample + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(sample.length() + 1).trim())).orElse(0.0);
    }

    private void awaitValue(String sample, double expected) {
        HitchTestClient.eventually(sample + " at " + expected, () -> value(sample), v -> v == expected);
    }

    @Test
    void theConnectionsGaugeIsPublishedAsAPrometheusGauge() {
        String text = metrics();
        assertTrue(text.contains("# TYPE hitch_connections gauge"), "no gauge type line");
        assertTrue(text.lines().anyMatch(l -> l.startsWith(GAUGE + " ")), "no " + GAUGE + " sample");
    }

    @Test
    void theConnectionsGaugeFollowsConnectionsOpeningAndClosing() {
        awaitValue(GAUGE, 0);
        try (HitchTestClient one = HitchTestClient.connect(base)) {
            try (HitchTestClient two = HitchTestClient.connect(base)) {
                awaitValue(GAUGE, 2);
            }
            awaitValue(GAUGE, 1);
        }
        awaitValue(GAUGE, 0);
    }

    @Test
    void everyConnectionIsCountedAsOpened() {
        double before = value(OPENED);
        try (HitchTestClient one = HitchTestClient.connect(base);
             HitchTestClient two = HitchTestClient.connect(base)) {
            awaitValue(OPENED, before + 2);
        }
    }

    @Test
    void aConnectionClosedForItsRateIsCountedUnderCauseRateLimit() {
        double before = value(RATE_LIMIT_CLOSES);
        try (HitchTestClient abuser = HitchTestClient.connect(base)) {
            // One request at a time until the last strike: the client never writes after the
            // server's close, so it sees the close frame rather than a failed write.
            int strikes = 0;
            for (int id = 1; id <= 1000 && strikes < STRIKES; id++) {
                JsonObject answer = abuser.call("echo", id, Integer.toString(id));
                if (answer.containsKey("error")
                        && "rate_limited".equals(answer.getJsonObject("error").getString("code"))) {
                    strikes++;
                }
            }
            assertEquals(1008, abuser.awaitClose());
        }
        awaitValue(RATE_LIMIT_CLOSES, before + 1);
    }

    @Test
    void everyCallIsCountedPerRouteAndErrorsByCode() {
        String calls = "hitch_route_calls_total{mp_scope=\"application\",route=\"hello\",}";
        String badData = "hitch_route_errors_total{code=\"bad_data\",mp_scope=\"application\",route=\"hello\",}";
        double callsBefore = value(calls);
        double errorsBefore = value(badData);
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            assertTrue(client.call("hello", 1, "{\"name\":\"Ada\"}").containsKey("data"));
            assertEquals("bad_data", client.call("hello", 2, "{\"name\":\"\"}").getJsonObject("error").getString("code"));
        }
        awaitValue(calls, callsBefore + 2);
        awaitValue(badData, errorsBefore + 1);
    }

    @Test
    void routeLatencyIsAPrometheusHistogramWithFixedBucketsAndNoQuantiles() {
        String labels = "{mp_scope=\"application\",route=\"echo\",";
        double before = value(LATENCY + "_count" + labels + "}");
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            client.call("echo", 1, "\"ping\"");
        }
        awaitValue(LATENCY + "_count" + labels + "}", before + 1);
        String text = metrics();
        assertTrue(text.contains("# TYPE " + LATENCY + " histogram"), "not a histogram");
        for (String le : new String[] {"0.001", "0.1", "1.0", "30.0", "+Inf"}) {
            String bucket = LATENCY + "_bucket" + labels + "le=\"" + le + "\",}";
            assertTrue(value(bucket) >= before + 1, "bucket le=" + le + " does not count the call");
        }
        assertTrue(text.lines().anyMatch(l -> l.startsWith(LATENCY + "_sum" + labels + "} ")), "no _sum");
        assertTrue(text.lines().anyMatch(l -> l.startsWith(LATENCY + "_max" + labels + "} ")), "no _max");
        assertTrue(text.lines().noneMatch(l -> l.startsWith("hitch_route_latency") && l.contains("quantile=")),
                "client-side percentiles are still published");
    }

    @Test
    void aNormalCloseIsCountedUnderCauseNormal() {
        String normal = "hitch_connections_closed_total{cause=\"normal\",mp_scope=\"application\",}";
        double before = value(normal);
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            client.closeWith(1000, "done");
        }
        awaitValue(normal, before + 1);
    }
}
