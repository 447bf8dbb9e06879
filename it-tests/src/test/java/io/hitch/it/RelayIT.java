package io.hitch.it;

import io.hitch.client.HitchClient;
import io.hitch.client.HitchException;
import io.hitch.client.Meta;
import io.hitch.it.relay.RefuseSecrets;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built-in {@code hitch.relay}: one client calls a route on another through the server. Allowed:
 * {@code test.dm} and everything under {@code test.any.}; a {@link RefuseSecrets} policy bean refuses
 * {@code test.any.secret}. Java clients where the behaviour is at the route level; the raw test
 * client where the frames matter (ids, {@code from} on the wire, notifications, invalid names).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RelayIT {

    private static final long LONG_TIMEOUT_MS = 20_000;

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.hitchWith("relay", "hitch.relay-routes=test.dm,test.any.*\n", RefuseSecrets.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void theTargetGetsTheRequestFromTheCallerAndItsReplyReachesTheCallerUnderTheCallersId() {
        try (HitchTestClient caller = HitchTestClient.connect(base);
             HitchTestClient target = HitchTestClient.connect(base)) {
            relay(caller, 7, target.peerId(), "test.dm", "{\"text\":\"hi\"}", null);

            JsonObject request = target.nextRequest("test.dm");
            assertEquals("{\"route\":\"test.dm\",\"id\":1,\"data\":{\"text\":\"hi\"},\"from\":\"" + caller.peerId() + "\"}",
                    request.toString());
            target.reply(request, "{\"received\":true}");

            assertEquals("{\"re\":7,\"data\":{\"received\":true}}", caller.answerTo(7).toString());
        }
    }

    @Test
    void aStringRequestIdIsAnsweredUnderThatStringAndTheTargetStillGetsAnIntegerId() {
        try (HitchTestClient caller = HitchTestClient.connect(base);
             HitchTestClient target = HitchTestClient.connect(base)) {
            caller.sendRaw("{\"route\":\"hitch.relay\",\"id\":\"dm-1\",\"data\":{\"peer\":\"" + target.peerId()
                    + "\",\"route\":\"test.dm\",\"data\":\"yo\"}}");

            JsonObject request = target.nextRequest("test.dm");
            assertEquals(1, request.getInt("id"));
            target.reply(request, "\"ok\"");

            assertEquals("{\"re\":\"dm-1\",\"data\":\"ok\"}", caller.next(f -> f.containsKey("re")).toString());
        }
    }

    @Test
    void theDataIsPassedThroughUntouched() {
        String data = "{\"big\":12345678901234567890.12345678901234567890,\"list\":[true,null,\"\\u2603\",{}]}";
        try (HitchTestClient caller = HitchTestClient.connect(base);
             HitchTestClient target = HitchTestClient.connect(base)) {
            relay(caller, 1, target.peerId(), "test.dm", data, null);

            JsonObject request = target.nextRequest("test.dm");
            assertEquals(parse(data), request.get("data"));
            target.reply(request, data);

            assertEquals(parse(data), caller.answerTo(1).get("data"));
        }
    }

    @Test
    void aRouteUnderAnAllowedPrefixIsRelayed() {
        try (HitchClient caller = Clients.connect(base); HitchClient target = Clients.connect(base)) {
            target.onRequest("test.any.deeper.route", Integer.class, (n, meta) -> meta.from() + ":" + (n + 1));

            String answer = caller.relay(target.peerId().orElseThrow(), "test.any.deeper.route", 1, String.class).join();

            assertEquals(caller.peerId().orElseThrow() + ":2", answer);
        }
    }

    @Test
    void theFromMemberAlwaysNamesTheRealCallerWhateverTheCallerClaims() {
        try (HitchTestClient caller = HitchTestClient.connect(base);
             HitchTestClient target = HitchTestClient.connect(base)) {
            caller.sendRaw("{\"route\":\"hitch.relay\",\"id\":1,\"from\":\"someone-else\",\"data\":{\"peer\":\""
                    + target.peerId() + "\",\"route\":\"test.dm\",\"data\":{\"from\":\"someone-else\"}}}");

            JsonObject request = target.nextRequest("test.dm");

            assertEquals(caller.peerId(), request.getString("from"));
        }
    }

    @Test
    void aRouteThatIsNotListedIsForbiddenAndNeverReachesTheTarget() throws Exception {
        BlockingQueue<String> reached = new LinkedBlockingQueue<>();
        try (HitchClient caller = Clients.connect(base); HitchClient target = Clients.connect(base)) {
            for (String route : List.of("test.other", "test.dmx", "test.dm.sub", "test.any", "test.anything")) {
                target.onRequest(route, JsonValue.class, (data, meta) -> reached.add(route));
                assertEquals("forbidden", failure(caller.relay(target.peerId().orElseThrow(), route, Map.of(),
                        JsonValue.class)).code(), route);
            }
            assertNull(reached.poll(300, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void aRelayToAPeerThatIsNotConnectedIsUnavailable() {
        try (HitchClient caller = Clients.connect(base)) {
            assertEquals("unavailable", failure(caller.relay("no-such-peer", "test.dm", Map.of(), JsonValue.class)).code());
        }
    }

    @Test
    void aTargetThatDisconnectsMidRequestMakesTheRelayUnavailableWellBeforeTheTimeout() throws Exception {
        CompletableFuture<Boolean> asked = new CompletableFuture<>();
        try (HitchClient caller = Clients.connect(base)) {
            CompletableFuture<JsonValue> answer;
            try (HitchClient target = Clients.connect(base)) {
                target.onRequest("test.dm", JsonValue.class, (data, meta) -> {
                    asked.complete(true);
                    return new CompletableFuture<>();
                });
                answer = caller.relay(target.peerId().orElseThrow(), "test.dm", Map.of(), JsonValue.class,
                        Duration.ofMillis(LONG_TIMEOUT_MS));
                asked.get(LONG_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            }
            long start = System.nanoTime();

            assertEquals("unavailable", failure(answer).code());
            assertTrue(elapsedMs(start) < LONG_TIMEOUT_MS / 4, "took " + elapsedMs(start) + " ms");
        }
    }

    @Test
    void aSilentTargetMakesTheRelayTimeOutAfterTheCallersTimeout() {
        try (HitchClient caller = Clients.connect(base); HitchClient target = Clients.connect(base)) {
            target.onRequest("test.dm", JsonValue.class, (data, meta) -> new CompletableFuture<>());
            long start = System.nanoTime();

            assertEquals("timeout", failure(caller.relay(target.peerId().orElseThrow(), "test.dm", Map.of(),
                    JsonValue.class, Duration.ofMillis(300))).code());
            assertTrue(elapsedMs(start) >= 300, "not before the timeout");
            assertTrue(elapsedMs(start) < LONG_TIMEOUT_MS / 4, "the caller's timeoutMs is used, took "
                    + elapsedMs(start) + " ms");
        }
    }

    @Test
    void theTargetsErrorReplyIsRelayedWithItsCodeMessageAndDetails() {
        try (HitchClient caller = Clients.connect(base); HitchClient target = Clients.connect(base)) {
            target.onRequest("test.dm", JsonValue.class, (data, meta) -> {
                throw new HitchException("busy.try-later", "In a meeting", parse("{\"until\":\"15:00\"}"));
            });

            HitchException e = failure(caller.relay(target.peerId().orElseThrow(), "test.dm", Map.of(), JsonValue.class));

            assertEquals("busy.try-later", e.code());
            assertEquals("In a meeting", e.getMessage());
            assertEquals("{\"until\":\"15:00\"}", e.details().toString());
        }
    }

    @Test
    void aRelayPolicyThatRefusesTheRouteMakesItForbiddenAndTheTargetGetsNothing() throws Exception {
        BlockingQueue<Meta> reached = new LinkedBlockingQueue<>();
        try (HitchClient caller = Clients.connect(base); HitchClient target = Clients.connect(base)) {
            target.onRequest(RefuseSecrets.REFUSED, JsonValue.class, (data, meta) -> reached.add(meta));

            assertEquals("forbidden", failure(caller.relay(target.peerId().orElseThrow(), RefuseSecrets.REFUSED,
                    Map.of(), JsonValue.class)).code());
            assertNull(reached.poll(300, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void relayDataWithoutATargetPeerIsBadData() {
        try (HitchTestClient caller = HitchTestClient.connect(base)) {
            caller.sendRaw("{\"route\":\"hitch.relay\",\"id\":1,\"data\":{\"route\":\"test.dm\",\"data\":{}}}");
            caller.sendRaw("{\"route\":\"hitch.relay\",\"id\":2,\"data\":{\"peer\":\"x\",\"route\":\"test.dm\",\"timeoutMs\":0}}");
            caller.sendRaw("{\"route\":\"hitch.relay\",\"id\":3}");

            assertEquals("bad_data", errorCode(caller.answerTo(1)));
            assertEquals("bad_data", errorCode(caller.answerTo(2)));
            assertEquals("bad_data", errorCode(caller.answerTo(3)));
        }
    }

    @Test
    void relayingToAnInvalidRouteNameIsBadDataAndNeverReachesTheTarget() throws Exception {
        try (HitchTestClient caller = HitchTestClient.connect(base);
             HitchTestClient target = HitchTestClient.connect(base)) {
            // A short timeout, so that a relay forwarded by mistake fails fast (with timeout) instead of hanging.
            relay(caller, 1, target.peerId(), "test.any.not a route", "{}", 300L);
            relay(caller, 2, target.peerId(), "test.any.", "{}", 300L);

            assertEquals("bad_data", errorCode(caller.answerTo(1)));
            assertEquals("bad_data", errorCode(caller.answerTo(2)));
            assertEquals(List.of(), target.drain(300));
        }
    }

    @Test
    void aRelayedNotificationReachesTheTargetAsANotificationFromTheCaller() throws Exception {
        try (HitchTestClient caller = HitchTestClient.connect(base);
             HitchTestClient target = HitchTestClient.connect(base)) {
            caller.sendRaw("{\"route\":\"hitch.relay\",\"data\":{\"peer\":\"" + target.peerId()
                    + "\",\"route\":\"test.dm\",\"data\":{\"text\":\"fyi\"}}}");

            JsonObject frame = target.next(f -> "test.dm".equals(f.getString("route", null)));

            assertEquals("{\"route\":\"test.dm\",\"data\":{\"text\":\"fyi\"},\"from\":\"" + caller.peerId() + "\"}",
                    frame.toString(), "a notification carries no id, so the target must not answer it");
            assertEquals(List.of(), caller.drain(300), "a relayed notification is never answered");
        }
    }

    @Test
    void aForbiddenRelayedNotificationIsReportedWithAnErrorPushNamingHitchRelay() throws Exception {
        try (HitchTestClient caller = HitchTestClient.connect(base);
             HitchTestClient target = HitchTestClient.connect(base)) {
            caller.sendRaw("{\"route\":\"hitch.relay\",\"data\":{\"peer\":\"" + target.peerId()
                    + "\",\"route\":\"test.other\",\"data\":{}}}");

            JsonObject push = caller.nextErrorPush().getJsonObject("data");

            assertEquals("forbidden", push.getString("code"));
            assertEquals("hitch.relay", push.getString("route"));
            assertEquals(List.of(), target.drain(300));
        }
    }

    @Test
    void aRelayedNotificationToAPeerThatIsNotConnectedIsReportedWithAnUnavailableErrorPush() {
        try (HitchTestClient caller = HitchTestClient.connect(base)) {
            caller.sendRaw("{\"route\":\"hitch.relay\",\"data\":{\"peer\":\"no-such-peer\",\"route\":\"test.dm\"}}");

            JsonObject push = caller.nextErrorPush().getJsonObject("data");

            assertEquals("unavailable", push.getString("code"));
            assertEquals("hitch.relay", push.getString("route"));
        }
    }

    @Test
    void hitchRelayIsNotAnnouncedInTheWelcome() {
        try (HitchClient caller = Clients.connect(base)) {
            assertFalse(caller.routes().contains("hitch.relay"), caller.routes().toString());
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static void relay(HitchTestClient caller, long id, String peer, String route, String dataJson,
                              Long timeoutMs) {
        JsonObjectBuilder data = Json.createObjectBuilder().add("peer", peer).add("route", route)
                .add("data", parse(dataJson));
        if (timeoutMs != null) {
            data.add("timeoutMs", timeoutMs);
        }
        caller.sendRaw("{\"route\":\"hitch.relay\",\"id\":" + id + ",\"data\":" + data.build() + "}");
    }

    private static jakarta.json.JsonValue parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readValue();
        }
    }

    private static HitchException failure(CompletableFuture<?> call) {
        return HitchException.of(assertThrows(CompletionException.class, call::join));
    }

    private static String errorCode(JsonObject answer) {
        assertTrue(answer.containsKey("error"), "not an error reply: " + answer);
        return answer.getJsonObject("error").getString("code");
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
