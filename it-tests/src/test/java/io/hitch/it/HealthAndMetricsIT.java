package io.hitch.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MicroProfile Health ({@code /health/ready}, {@code /health/live}) and Hitch's MicroProfile
 * Metrics as the server's {@code /metrics} prints them in the Prometheus text format, on the
 * product WAR as built.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HealthAndMetricsIT {

    // What mpMetrics 5.1 prints: the name with '.' turned into '_' (counters get "_total", a timer
    // becomes a summary in seconds), the label mp_scope="application" added to Hitch's own labels
    // (route, code), labels in alphabetical order (a histogram's le last), each followed by a comma.
    private static final String CONNECTIONS = "hitch_connections{mp_scope=\"application\",}";
    private static final String HELLO_CALLS = "hitch_route_calls_total{mp_scope=\"application\",route=\"hello\",}";
    private static final String HELLO_BAD_DATA =
            "hitch_route_errors_total{code=\"bad_data\",mp_scope=\"application\",route=\"hello\",}";
    private static final String ECHO_LATENCY_COUNT =
            "hitch_route_latency_seconds_count{mp_scope=\"application\",route=\"echo\",}";
    private static final String ECHO_LATENCY_SUM =
            "hitch_route_latency_seconds_sum{mp_scope=\"application\",route=\"echo\",}";
    private static final String ECHO_LATENCY_BELOW_30S =
            "hitch_route_latency_seconds_bucket{mp_scope=\"application\",route=\"echo\",le=\"30.0\",}";

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.productWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void readinessIsUpWithTheHitchCheckCountingTheApplicationsRoutes() {
        HttpResponse<String> response = get("/health/ready");
        assertEquals(200, response.statusCode(), response.body());
        JsonObject health = object(response.body());
        assertEquals("UP", health.getString("status"), response.body());
        JsonObject hitch = check(health, "hitch");
        assertEquals("UP", hitch.getString("status"));
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            int routes = client.welcome().getJsonObject("data").getJsonArray("routes").size();
            assertEquals(routes, hitch.getJsonObject("data").getInt("routes"), hitch.toString());
        }
    }

    @Test
    void livenessIsUpWithTheHitchCheck() {
        HttpResponse<String> response = get("/health/live");
        assertEquals(200, response.statusCode(), response.body());
        JsonObject health = object(response.body());
        assertEquals("UP", health.getString("status"), response.body());
        assertEquals("UP", check(health, "hitch").getString("status"));
    }

    @Test
    void theHealthAnswerIsJson() {
        HttpResponse<String> response = get("/health/ready");
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                response.headers().map().toString());
    }

    @Test
    void theConnectionsGaugeCountsTheOpenConnections() {
        // The metrics of this deployment: every client of the tests before has gone.
        HitchTestClient.eventually("no connection open", () -> value(metrics(), CONNECTIONS),
                v -> v.equals(OptionalDouble.of(0)));
        try (HitchTestClient one = HitchTestClient.connect(base);
             HitchTestClient two = HitchTestClient.connect(base)) {
            HitchTestClient.eventually("two connections", () -> value(metrics(), CONNECTIONS),
                    v -> v.equals(OptionalDouble.of(2)));
            one.close();
            HitchTestClient.eventually("one connection", () -> value(metrics(), CONNECTIONS),
                    v -> v.equals(OptionalDouble.of(1)));
        }
        HitchTestClient.eventually("no connection after the last closed", () -> value(metrics(), CONNECTIONS),
                v -> v.equals(OptionalDouble.of(0)));
    }

    @Test
    void theConnectionsGaugeIsPrintedAsAPrometheusGauge() {
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            String text = HitchTestClient.eventually("the gauge printed", this::metrics,
                    t -> value(t, CONNECTIONS).isPresent());
            assertTrue(text.lines().anyMatch(l -> l.equals("# TYPE hitch_connections gauge")), hitchLines(text));
        }
    }

    @Test
    void theCallsOfARouteAreCountedWithTheRouteAsLabel() {
        String line = HELLO_CALLS;
        double before = value(metrics(), line).orElse(0);
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            for (int id = 1; id <= 3; id++) {
                assertEquals("Hello, Ada!", client.call("hello", id, "{\"name\":\"Ada\"}")
                        .getJsonObject("data").getString("message"));
            }
        }
        String text = HitchTestClient.eventually("three more calls of hello", this::metrics,
                t -> value(t, line).orElse(0) >= before + 3);
        assertEquals(before + 3, value(text, line).getAsDouble(), hitchLines(text));
        assertTrue(text.lines().anyMatch(l -> l.equals("# TYPE hitch_route_calls_total counter")), hitchLines(text));
    }

    @Test
    void theErrorsOfARouteAreCountedByCode() {
        String line = HELLO_BAD_DATA;
        double before = value(metrics(), line).orElse(0);
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            assertEquals("bad_data", client.call("hello", 1, "{\"name\":\"\"}").getJsonObject("error").getString("code"));
            assertEquals("bad_data", client.call("hello", 2, "{}").getJsonObject("error").getString("code"));
        }
        String text = HitchTestClient.eventually("two more bad_data errors of hello", this::metrics,
                t -> value(t, line).orElse(0) >= before + 2);
        assertEquals(before + 2, value(text, line).getAsDouble(), hitchLines(text));
    }

    @Test
    void theLatencyOfARouteIsAHistogramWithTheRouteAsLabel() {
        String count = ECHO_LATENCY_COUNT;
        double before = value(metrics(), count).orElse(0);
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            client.call("echo", 1, "\"timed\"");
            client.call("echo", 2, "\"timed\"");
        }
        String text = HitchTestClient.eventually("two more timed calls of echo", this::metrics,
                t -> value(t, count).orElse(0) >= before + 2);
        assertEquals(before + 2, value(text, count).getAsDouble(), hitchLines(text));
        assertTrue(value(text, ECHO_LATENCY_SUM).orElse(0) > 0, hitchLines(text));
        assertTrue(value(text, ECHO_LATENCY_BELOW_30S).orElse(0) >= before + 2, hitchLines(text));
        assertTrue(text.lines().anyMatch(l -> l.equals("# TYPE hitch_route_latency_seconds histogram")), hitchLines(text));
    }

    @Test
    void theMetricsHoldNoPasswordOrAuthorizationHeaderValue() {
        String credentials = HitchTestClient.basic("alice", "alice-it-password");
        try (HitchTestClient alice = HitchTestClient.connect(base, Map.of("Authorization", credentials))) {
            alice.call("hello", 1, "{\"name\":\"alice-it-password\"}");
            String text = HitchTestClient.eventually("the call counted", this::metrics,
                    t -> t.contains("hitch_route_calls_total{"));
            for (String secret : List.of("alice-it-password", credentials.substring(6), "Basic ")) {
                assertFalse(text.contains(secret), "the metrics hold " + secret);
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private HttpResponse<String> get(String path) {
        URI uri = URI.create(base.getProtocol() + "://" + base.getHost() + ":" + base.getPort() + path);
        return HitchTestClient.http("GET", uri, Map.of());
    }

    private String metrics() {
        HttpResponse<String> response = get("/metrics");
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    /** @return the value of the sample line that starts with {@code nameAndLabels} and a space */
    private static OptionalDouble value(String text, String nameAndLabels) {
        return text.lines().filter(l -> l.startsWith(nameAndLabels + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(nameAndLabels.length() + 1).trim().split(" ")[0]))
                .findFirst();
    }

    private static String hitchLines(String text) {
        return String.join("\n", text.lines().filter(l -> l.contains("hitch_")).toList());
    }

    private static JsonObject check(JsonObject health, String name) {
        return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + health));
    }

    private static JsonObject object(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
