package io.hitch.it;

import io.hitch.it.relay.RefuseSecrets;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.net.URL;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built-in {@code hitch.relay}: one client calls a route on another through the server. Allowed:
 * {@code test.dm} and everything under {@code test.any.}; a {@link RefuseSecrets} policy bean refuses
 * {@code test.any.secret}.
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
        try (HitchTestClient caller = HitchTestClient.connect(base);
             HitchTestClient target = HitchTestClient.connect(base)) {
            relay(caller, 1, target.peerId(), "test.any.deeper.route", "1", null);

            JsonObject request = target.nextRequest("test.any.deeper.route");
            assertEquals(caller.peerId(), request.getString("from"));
            target.reply(request, "2");

            assertEquals(2, caller.answerTo(1).getInt("data"));
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
        try (HitchTestClient caller = HitchTestClient.connect(base);
             HitchTestClient target = HitchTestClient.connect(base)) {
            relay(caller, 1, target.peerId(), "test.other", "{}", null);
            relay(caller, 2, target.peerId(), "test.dmx", "{}", null);
            relay(caller, 3, target.peerId(), "test.dm.sub", "{}", null);
            relay(caller, 4, target.peerId(), "test.any", "{}", null);
            relay(caller, 5, target.peerId(), "test.anything", "{}", null);

            for (long id = 1; id <= 5; id++) {
                assertEquals("forbidden", errorCode(caller.answerTo(id)), "request " + id);
            }
            assertEquals(List.of(), target.drain(300));
        }
    }

    @Test
    void aRelayToAPeerThatIsNotConnectedIsUnavailable() {
        try (HitchTestClient caller = HitchTestClient.connect(base)) {
            relay(caller, 1, "no-such-peer", "test.dm", "{}", null);

            assertEquals("unavailable", errorCode(caller.answerTo(1)));
        }
    }

    @Test
    void aTargetThatDisconnectsMidRequestMakesTheRelayUnavailableWellBeforeTheTimeout() {
        try (HitchTestClient caller = HitchTestClient.connect(base)) {
            long start;
            try (HitchTestClient target = HitchTestClient.connect(base)) {
                relay(caller, 1, target.peerId(), "test.dm", "{}", LONG_TIMEOUT_MS);
                target.nextRequest("test.dm");
                start = System.nanoTime();
                target.closeWith(1000, "gone");
            }

            assertEquals("unavailable", errorCode(caller.answerTo(1)));
            assertTrue(elapsedMs(start) < LONG_TIMEOUT_MS / 4, "took " + elapsedMs(start) + " ms");
        }
    }

    @Test
    void aSilentTargetMakesTheRelayTimeOutAfterTheCallersTimeout() {
        try (HitchTestClient caller = HitchTestClient.connect(base);
             HitchTestClient target = HitchTestClient.connect(base)) {
            long start = System.nanoTime();
            relay(caller, 1, target.peerId(), "test.dm", "{}", 300L);
            target.nextRequest("test.dm");

            assertEquals("timeout", errorCode(caller.answerTo(1)));
            assertTrue(elapsedMs(start) >= 300, "not before the timeout");
            assertTrue(elapsedMs(start) < LONG_TIMEOUT_MS / 4, "the caller's timeoutMs is used, took "
                    + elapsedMs(start) + " ms");
        }
    }

    @Test
    void theTargetsErrorReplyIsRelayedWithItsCodeMessageAndDetails() {
        try (HitchTestClient caller = HitchTestClient.connect(base);
             HitchTestClient target = HitchTestClient.connect(base)) {
            relay(caller, 3, target.peerId(), "test.dm", "{}", null);

            target.replyError(target.nextRequest("test.dm"), "busy.try-later", "In a meeting", "{\"until\":\"15:00\"}");

            assertEquals("{\"re\":3,\"error\":{\"code\":\"busy.try-later\",\"message\":\"In a meeting\","
                    + "\"details\":{\"until\":\"15:00\"}}}", caller.answerTo(3).toString());
        }
    }

    @Test
    void aRelayPolicyThatRefusesTheRouteMakesItForbiddenAndTheTargetGetsNothing() throws Exception {
        try (HitchTestClient caller = HitchTestClient.connect(base);
             HitchTestClient target = HitchTestClient.connect(base)) {
            relay(caller, 1, target.peerId(), RefuseSecrets.REFUSED, "{}", null);

            assertEquals("forbidden", errorCode(caller.answerTo(1)));
            assertEquals(List.of(), target.drain(300));
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
        try (HitchTestClient caller = HitchTestClient.connect(base)) {
            assertFalse(caller.welcome().getJsonObject("data").getJsonArray("routes").toString().contains("hitch.relay"));
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

    private static String errorCode(JsonObject answer) {
        assertTrue(answer.containsKey("error"), "not an error reply: " + answer);
        return answer.getJsonObject("error").getString("code");
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
