package io.hitch.it;

import io.hitch.it.guard.Count;
import io.hitch.it.guard.Invocations;
import io.hitch.it.guard.Limited;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rate limits: each connection has a token bucket ({@code hitch.rate-limit.per-second} and
 * {@code .burst}); a request over it is answered {@code rate_limited} without running, a connection
 * that keeps going is closed with 1008 after {@code .strikes} refusals, and a route's own
 * {@code @RateLimit} applies to that route alone.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RateLimitIT {

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.hitchWith("ratelimit",
                "hitch.rate-limit.per-second=5\nhitch.rate-limit.burst=5\nhitch.rate-limit.strikes=20\n", Limited.class,
                Invocations.class, Count.class);
    }

    @ArquillianResource
    URL base;

    /**
     * Sends requests 1..n to {@code route} in one write, so the bucket cannot refill between them,
     * then reads the one answer of each, by id.
     */
    private Map<Integer, JsonObject> burst(String route, int n) throws IOException {
        try (RawWebSocket raw = RawWebSocket.connect(base)) {
            raw.readText(); // the welcome
            return burst(raw, route, n);
        }
    }

    private static Map<Integer, JsonObject> burst(RawWebSocket raw, String route, int n) throws IOException {
        String[] requests = new String[n];
        for (int id = 1; id <= n; id++) {
            requests[id - 1] = "{\"route\":\"" + route + "\",\"id\":" + id + ",\"data\":" + id + "}";
        }
        raw.sendTextsAtOnce(requests);
        Map<Integer, JsonObject> answers = new HashMap<>();
        for (int i = 0; i < n; i++) {
            JsonObject answer = Json.createReader(new StringReader(raw.readText())).readObject();
            JsonObject earlier = answers.put(answer.getInt("re"), answer);
            assertNull(earlier, "a second answer to request " + answer.getInt("re"));
        }
        return answers;
    }

    /** Sends requests 1..n to echo over the JDK client and collects the one answer of each, by id. */
    private static Map<Integer, JsonObject> burst(HitchTestClient client, String route, int n) {
        for (int id = 1; id <= n; id++) {
            client.sendRaw("{\"route\":\"" + route + "\",\"id\":" + id + ",\"data\":" + id + "}");
        }
        Map<Integer, JsonObject> answers = new HashMap<>();
        for (int id = 1; id <= n; id++) {
            answers.put(id, client.answerTo(id));
        }
        return answers;
    }

    private static long rateLimited(Map<Integer, JsonObject> answers) {
        return answers.values().stream().filter(a -> a.containsKey("error")
                && "rate_limited".equals(a.getJsonObject("error").getString("code"))).count();
    }

    private static long replies(Map<Integer, JsonObject> answers) {
        return answers.values().stream().filter(a -> a.containsKey("data")).count();
    }

    @Test
    void aBurstOfTwiceTheLimitIsHalfAnsweredAndHalfRateLimited() throws IOException {
        Map<Integer, JsonObject> answers = burst("echo", 10);

        assertEquals(5, replies(answers), answers.toString());
        assertEquals(5, rateLimited(answers), answers.toString());
    }

    @Test
    void everyRequestOfABurstGetsExactlyOneAnswer() throws IOException {
        try (RawWebSocket raw = RawWebSocket.connect(base)) {
            raw.readText(); // the welcome
            Map<Integer, JsonObject> answers = burst(raw, "echo", 10);
            assertEquals(10, answers.size());

            // Answered or refused, each frame is answered before the next is read: an eleventh
            // request's answer is the very next frame.
            raw.sendText("{\"route\":\"hitch.ping\",\"id\":\"last\"}");
            assertEquals("last", Json.createReader(new StringReader(raw.readText())).readObject().getString("re"));
        }
    }

    @Test
    void theRequestsOfABurstWithinTheLimitAreAllAnswered() throws IOException {
        assertEquals(5, replies(burst("echo", 5)));
    }

    @Test
    void aRateLimitedNotificationIsReportedWithAPushNamingTheRoute() {
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            for (int i = 0; i < 10; i++) {
                client.sendRaw("{\"route\":\"echo\",\"data\":" + i + "}");
            }
            JsonObject push = client.nextErrorPush().getJsonObject("data");
            assertEquals("rate_limited", push.getString("code"));
            assertEquals("echo", push.getString("route"));
        }
    }

    @Test
    void aConnectionThatKeepsSendingOverTheLimitIsClosedWith1008() {
        try (HitchTestClient abuser = HitchTestClient.connect(base)) {
            keepSendingUntilClosed(abuser);

            assertEquals(1008, abuser.awaitClose());
            assertEquals("rate limit exceeded", abuser.closeReason());
        }
    }

    @Test
    void theConnectionIsClosedRightAfterTheAnswerToTheLastAllowedStrike() {
        try (HitchTestClient abuser = HitchTestClient.connect(base)) {
            keepSendingUntilClosed(abuser);
            abuser.awaitClose();

            List<JsonObject> refused = new ArrayList<>();
            for (String text : abuser.transcript()) {
                if (text.contains("\"rate_limited\"")) {
                    refused.add(Json.createReader(new StringReader(text)).readObject());
                }
            }
            assertEquals(20, refused.size(), "one rate_limited answer per strike, up to hitch.rate-limit.strikes");
            assertTrue(abuser.transcript().get(abuser.transcript().size() - 1).contains("\"rate_limited\""),
                    "the last frame before the close is the answer to the last strike");
        }
    }

    @Test
    void anotherConnectionKeepsItsOwnAllowanceWhileOneIsClosedForAbuse() {
        try (HitchTestClient bystander = HitchTestClient.connect(base);
             HitchTestClient abuser = HitchTestClient.connect(base)) {
            keepSendingUntilClosed(abuser);
            assertEquals(1008, abuser.awaitClose());

            assertEquals(5, replies(burst(bystander, "echo", 5)));
            assertTrue(bystander.isOpen());
        }
    }

    @Test
    void aRoutesOwnRateLimitRefusesCallsOverItWithoutRunningTheHandler() throws IOException {
        try (HitchTestClient counter = HitchTestClient.connect(base)) {
            int before = counter.call("guard.count", 1, "\"guard.limited\"").getInt("data");
            Map<Integer, JsonObject> answers = burst("guard.limited", 3);
            int after = counter.call("guard.count", 2, "\"guard.limited\"").getInt("data");

            assertEquals(2, replies(answers), answers.toString());
            assertEquals(1, rateLimited(answers), answers.toString());
            assertEquals(before + 2, after, "the handler ran for the two calls within the limit only");
        }
    }

    @Test
    void aRoutesOwnRateLimitLeavesOtherRoutesOfTheConnectionAnswered() throws IOException {
        try (RawWebSocket raw = RawWebSocket.connect(base)) {
            raw.readText(); // the welcome
            Map<Integer, JsonObject> limited = burst(raw, "guard.limited", 3);
            assertEquals(1, rateLimited(limited), limited.toString());

            raw.sendText("{\"route\":\"echo\",\"id\":4,\"data\":\"still\"}");
            assertEquals("{\"re\":4,\"data\":\"still\"}", raw.readText());
        }
    }

    @Test
    void theRouteTableInTheLogShowsTheRoutesOwnRateLimit() throws Exception {
        String line = ServerLog.read().lines().filter(l -> l.startsWith("  guard.limited -> bean " + Limited.class.getName()))
                .reduce((first, last) -> last).orElseThrow(() -> new AssertionError("guard.limited is not in the log"));
        assertTrue(line.endsWith("callable by anyone, at most 1/s"), line);
    }

    /** Sends echo requests with ids 1, 2, ... until the server closes the connection. */
    // One request at a time, each answer awaited, until the strike that closes the connection: the
    // client never writes after the server's close, so it sees the close frame, not a failed write.
    private static void keepSendingUntilClosed(HitchTestClient client) {
        int strikes = 0;
        for (int id = 1; id <= 1000 && strikes < STRIKES && client.isOpen(); id++) {
            JsonObject answer = client.call("echo", id, Integer.toString(id));
            if (answer.containsKey("error") && "rate_limited".equals(answer.getJsonObject("error").getString("code"))) {
                strikes++;
            }
        }
    }

    private static final int STRIKES = 20;
}
