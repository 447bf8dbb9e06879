package io.hitch.it;

import io.hitch.it.push.PushRoutes;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Server-to-client requests ({@code Peer.request}), driven by the {@code test.ask} route: one client
 * asks the server to ask another, which answers (or not) over the wire.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ServerRequestsIT {

    /** Far longer than any answer takes, and below the route timeout (the default 30 s). */
    private static final long LONG_TIMEOUT_MS = 20_000;

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.hitchWith("server-requests", "", PushRoutes.ask());
    }

    @ArquillianResource
    URL base;

    @Test
    void theClientsReplyToAServerRequestReachesTheRouteCaller() {
        try (HitchTestClient asker = HitchTestClient.connect(base);
             HitchTestClient target = HitchTestClient.connect(base)) {
            ask(asker, 7, target, "test.question", "{\"q\":\"tea?\"}", LONG_TIMEOUT_MS);

            JsonObject request = target.nextRequest("test.question");
            assertEquals("{\"route\":\"test.question\",\"id\":1,\"data\":{\"q\":\"tea?\"}}", request.toString(),
                    "a plain server request: the next id of this connection, the data, and no 'from'");
            target.reply(request, "{\"yes\":true,\"sugar\":2}");

            assertEquals("{\"re\":7,\"data\":{\"yes\":true,\"sugar\":2}}", asker.answerTo(7).toString());
        }
    }

    @Test
    void serverRequestIdsCountUpFromOneOnEachConnection() {
        try (HitchTestClient asker = HitchTestClient.connect(base);
             HitchTestClient first = HitchTestClient.connect(base);
             HitchTestClient second = HitchTestClient.connect(base)) {
            ask(asker, 1, first, "test.question", "1", LONG_TIMEOUT_MS);
            ask(asker, 2, first, "test.question", "2", LONG_TIMEOUT_MS);
            ask(asker, 3, second, "test.question", "3", LONG_TIMEOUT_MS);

            JsonObject one = first.nextRequest("test.question");
            JsonObject two = first.nextRequest("test.question");
            JsonObject other = second.nextRequest("test.question");
            assertEquals(List.of(1, 2, 1), List.of(one.getInt("id"), two.getInt("id"), other.getInt("id")));

            first.reply(two, "\"two\"");
            first.reply(one, "\"one\"");
            second.reply(other, "\"three\"");
            assertEquals("two", asker.answerTo(2).getString("data"));
            assertEquals("one", asker.answerTo(1).getString("data"));
            assertEquals("three", asker.answerTo(3).getString("data"));
        }
    }

    @Test
    void aReplyWithoutDataReachesTheCallerAsNull() {
        try (HitchTestClient asker = HitchTestClient.connect(base);
             HitchTestClient target = HitchTestClient.connect(base)) {
            ask(asker, 1, target, "test.question", null, LONG_TIMEOUT_MS);

            target.reply(target.nextRequest("test.question"), null);

            assertEquals("{\"re\":1,\"data\":null}", asker.answerTo(1).toString());
        }
    }

    @Test
    void theClientsErrorReplyReachesTheCallerWithItsCodeMessageAndDetails() {
        try (HitchTestClient asker = HitchTestClient.connect(base);
             HitchTestClient target = HitchTestClient.connect(base)) {
            ask(asker, 4, target, "test.question", "{}", LONG_TIMEOUT_MS);

            target.replyError(target.nextRequest("test.question"), "declined", "Not now", "{\"retryInS\":5}");

            assertEquals("{\"re\":4,\"error\":{\"code\":\"declined\",\"message\":\"Not now\",\"details\":{\"retryInS\":5}}}",
                    asker.answerTo(4).toString());
        }
    }

    @Test
    void aClientWithoutAHandlerAnswersUnknownRouteAndTheCallerGetsThatCode() {
        try (HitchTestClient asker = HitchTestClient.connect(base);
             HitchTestClient target = HitchTestClient.connect(base)) {
            ask(asker, 4, target, "test.nobody.home", "{}", LONG_TIMEOUT_MS);

            target.replyError(target.nextRequest("test.nobody.home"), "unknown_route", "no handler", null);

            assertEquals("unknown_route", errorCode(asker.answerTo(4)));
        }
    }

    @Test
    void aClientThatDoesNotAnswerInTimeMakesTheRequestTimeOut() {
        try (HitchTestClient asker = HitchTestClient.connect(base);
             HitchTestClient target = HitchTestClient.connect(base)) {
            long start = System.nanoTime();
            ask(asker, 5, target, "test.question", "{}", 300);

            target.nextRequest("test.question");
            JsonObject answer = asker.answerTo(5);

            assertEquals("timeout", errorCode(answer));
            assertTrue(elapsedMs(start) >= 300, "not before the timeout");
        }
    }

    @Test
    void aClientThatDisconnectsMidRequestMakesTheRequestUnavailableWellBeforeTheTimeout() {
        try (HitchTestClient asker = HitchTestClient.connect(base)) {
            long start;
            try (HitchTestClient target = HitchTestClient.connect(base)) {
                ask(asker, 6, target, "test.question", "{}", LONG_TIMEOUT_MS);
                target.nextRequest("test.question");
                start = System.nanoTime();
                target.closeWith(1000, "gone");
            }

            JsonObject answer = asker.answerTo(6);

            assertEquals("unavailable", errorCode(answer));
            assertTrue(elapsedMs(start) < LONG_TIMEOUT_MS / 4, "took " + elapsedMs(start) + " ms");
        }
    }

    @Test
    void aClientWhoseConnectionDropsMidRequestMakesTheRequestUnavailable() {
        try (HitchTestClient asker = HitchTestClient.connect(base)) {
            long start;
            try (HitchTestClient target = HitchTestClient.connect(base)) {
                ask(asker, 6, target, "test.question", "{}", LONG_TIMEOUT_MS);
                target.nextRequest("test.question");
                start = System.nanoTime();
                target.drop();
            }

            assertEquals("unavailable", errorCode(asker.answerTo(6)));
            assertTrue(elapsedMs(start) < LONG_TIMEOUT_MS / 4, "took " + elapsedMs(start) + " ms");
        }
    }

    @Test
    void askingAPeerThatIsNotConnectedIsUnavailable() {
        try (HitchTestClient asker = HitchTestClient.connect(base)) {
            asker.sendRaw("{\"route\":\"test.ask\",\"id\":1,\"data\":{\"peer\":\"nobody\",\"route\":\"x\",\"timeoutMs\":1000}}");

            assertEquals("unavailable", errorCode(asker.answerTo(1)));
        }
    }

    // ---- stray answers ------------------------------------------------------------------------

    @Test
    void aReplyToAnIdTheServerNeverSentGetsABadFramePushWhileTheRealRequestKeepsWaiting() {
        try (HitchTestClient asker = HitchTestClient.connect(base);
             HitchTestClient target = HitchTestClient.connect(base)) {
            ask(asker, 1, target, "test.question", "{}", LONG_TIMEOUT_MS);
            JsonObject request = target.nextRequest("test.question");

            target.sendRaw("{\"re\":99,\"data\":\"stray\"}");
            JsonObject push = target.nextErrorPush();

            assertEquals("bad_frame", push.getJsonObject("data").getString("code"));
            assertFalse(push.getJsonObject("data").containsKey("re"), "a hitch.error push never carries 're'");
            target.reply(request, "\"real\"");
            assertEquals("{\"re\":1,\"data\":\"real\"}", asker.answerTo(1).toString());
        }
    }

    @Test
    void aReplyWithAStringIdDoesNotAnswerTheServersIntegerIdWithTheSameDigits() {
        try (HitchTestClient asker = HitchTestClient.connect(base);
             HitchTestClient target = HitchTestClient.connect(base)) {
            ask(asker, 1, target, "test.question", "{}", LONG_TIMEOUT_MS);
            JsonObject request = target.nextRequest("test.question");
            assertEquals(1, request.getInt("id"));

            target.sendRaw("{\"re\":\"1\",\"data\":\"wrong kind\"}");

            assertEquals("bad_frame", target.nextErrorPush().getJsonObject("data").getString("code"));
            target.reply(request, "\"right kind\"");
            assertEquals("right kind", asker.answerTo(1).getString("data"));
        }
    }

    @Test
    void aSecondAnswerToTheSameServerRequestGetsABadFramePush() throws Exception {
        try (HitchTestClient asker = HitchTestClient.connect(base);
             HitchTestClient target = HitchTestClient.connect(base)) {
            ask(asker, 1, target, "test.question", "{}", LONG_TIMEOUT_MS);
            JsonObject request = target.nextRequest("test.question");
            target.reply(request, "\"first\"");
            assertEquals("first", asker.answerTo(1).getString("data"));

            target.replyError(request, "changed_my_mind", "second answer", null);

            assertEquals("bad_frame", target.nextErrorPush().getJsonObject("data").getString("code"));
            assertEquals(List.of(), asker.drain(300), "the caller was answered once");
        }
    }

    @Test
    void anAnswerArrivingAfterTheTimeoutGetsABadFramePush() throws Exception {
        try (HitchTestClient asker = HitchTestClient.connect(base);
             HitchTestClient target = HitchTestClient.connect(base)) {
            ask(asker, 1, target, "test.question", "{}", 300);
            JsonObject request = target.nextRequest("test.question");
            assertEquals("timeout", errorCode(asker.answerTo(1)));

            target.reply(request, "\"too late\"");

            assertEquals("bad_frame", target.nextErrorPush().getJsonObject("data").getString("code"));
            assertEquals(List.of(), asker.drain(300));
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static void ask(HitchTestClient asker, long id, HitchTestClient target, String route, String dataJson,
                            long timeoutMs) {
        var data = Json.createObjectBuilder().add("peer", target.peerId()).add("route", route).add("timeoutMs", timeoutMs);
        if (dataJson != null) {
            data.add("data", Json.createReader(new java.io.StringReader(dataJson)).readValue());
        }
        asker.sendRaw("{\"route\":\"test.ask\",\"id\":" + id + ",\"data\":" + data.build() + "}");
    }

    private static String errorCode(JsonObject answer) {
        assertTrue(answer.containsKey("error"), "not an error reply: " + answer);
        return answer.getJsonObject("error").getString("code");
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
