package io.hitch.it;

import io.hitch.client.HitchClient;
import io.hitch.client.HitchException;
import io.hitch.client.Meta;
import io.hitch.it.push.PushRoutes;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Server-to-client requests ({@code Peer.request}), driven by the {@code test.ask} route: one client
 * asks the server to ask another, which answers (or not). Java clients where the behaviour is at the
 * route level; the raw test client where the frames themselves matter (answers without data, stray
 * and late answers, a connection dropped without a close).
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
    void theClientsReplyToAServerRequestReachesTheRouteCaller() throws Exception {
        BlockingQueue<Meta> seen = new LinkedBlockingQueue<>();
        try (HitchClient asker = Clients.connect(base); HitchClient target = Clients.connect(base)) {
            target.onRequest("test.question", JsonObject.class, (question, meta) -> {
                seen.add(meta);
                return Map.of("yes", true, "sugar", question.getInt("sugar"));
            });

            JsonValue answer = ask(asker, target, "test.question", Map.of("sugar", 2), LONG_TIMEOUT_MS).join();

            assertEquals("{\"sugar\":2,\"yes\":true}", sorted(answer));
            assertEquals(new Meta("test.question", 1L, null), seen.poll(),
                    "a plain server request: the first id of this connection, and no 'from'");
        }
    }

    @Test
    void serverRequestIdsCountUpFromOneOnEachConnection() {
        Map<Object, CompletableFuture<String>> firstAnswers = new ConcurrentHashMap<>();
        Map<Object, CompletableFuture<String>> secondAnswers = new ConcurrentHashMap<>();
        try (HitchClient asker = Clients.connect(base); HitchClient first = Clients.connect(base);
             HitchClient second = Clients.connect(base)) {
            first.onRequest("test.question", String.class, (q, meta) -> answerLater(firstAnswers, meta));
            second.onRequest("test.question", String.class, (q, meta) -> answerLater(secondAnswers, meta));
            CompletableFuture<JsonValue> one = ask(asker, first, "test.question", "1", LONG_TIMEOUT_MS);
            CompletableFuture<JsonValue> two = ask(asker, first, "test.question", "2", LONG_TIMEOUT_MS);
            CompletableFuture<JsonValue> three = ask(asker, second, "test.question", "3", LONG_TIMEOUT_MS);

            HitchTestClient.eventually("all three asked", () -> firstAnswers.size() + secondAnswers.size(), n -> n == 3);
            assertEquals(Set.of(1L, 2L), firstAnswers.keySet());
            assertEquals(Set.of(1L), secondAnswers.keySet());

            firstAnswers.get(2L).complete("two");
            firstAnswers.get(1L).complete("one");
            secondAnswers.get(1L).complete("three");
            assertEquals(List.of("\"one\"", "\"two\"", "\"three\""),
                    List.of(one.join().toString(), two.join().toString(), three.join().toString()));
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
        try (HitchClient asker = Clients.connect(base); HitchClient target = Clients.connect(base)) {
            target.onRequest("test.question", JsonValue.class, (q, meta) -> {
                throw new HitchException("declined", "Not now", Json.createObjectBuilder().add("retryInS", 5).build());
            });

            HitchException e = failure(ask(asker, target, "test.question", Map.of(), LONG_TIMEOUT_MS));

            assertEquals("declined", e.code());
            assertEquals("Not now", e.getMessage());
            assertEquals("{\"retryInS\":5}", e.details().toString());
        }
    }

    @Test
    void aClientWithoutAHandlerAnswersUnknownRouteAndTheCallerGetsThatCode() {
        try (HitchClient asker = Clients.connect(base); HitchClient target = Clients.connect(base)) {
            assertEquals("unknown_route", failure(ask(asker, target, "test.nobody.home", Map.of(), LONG_TIMEOUT_MS)).code());
        }
    }

    @Test
    void aClientThatDoesNotAnswerInTimeMakesTheRequestTimeOut() {
        try (HitchClient asker = Clients.connect(base); HitchClient target = Clients.connect(base)) {
            target.onRequest("test.question", JsonValue.class, (q, meta) -> new CompletableFuture<>());
            long start = System.nanoTime();

            assertEquals("timeout", failure(ask(asker, target, "test.question", Map.of(), 300)).code());
            assertTrue(elapsedMs(start) >= 300, "not before the timeout");
        }
    }

    @Test
    void aClientThatDisconnectsMidRequestMakesTheRequestUnavailableWellBeforeTheTimeout() throws Exception {
        CompletableFuture<Long> asked = new CompletableFuture<>();
        try (HitchClient asker = Clients.connect(base)) {
            CompletableFuture<JsonValue> answer;
            try (HitchClient target = Clients.connect(base)) {
                target.onRequest("test.question", JsonValue.class, (q, meta) -> {
                    asked.complete(System.nanoTime());
                    return new CompletableFuture<>();
                });
                answer = ask(asker, target, "test.question", Map.of(), LONG_TIMEOUT_MS);
                asked.get(LONG_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            }
            long start = System.nanoTime();

            assertEquals("unavailable", failure(answer).code());
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
        try (HitchClient asker = Clients.connect(base)) {
            assertEquals("unavailable", failure(asker.request("test.ask",
                    Map.of("peer", "nobody", "route", "x", "timeoutMs", 1000), JsonValue.class)).code());
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

    /** Calls {@code test.ask}: the server asks {@code target} on {@code route} and answers with its answer. */
    private static CompletableFuture<JsonValue> ask(HitchClient asker, HitchClient target, String route, Object data,
                                                    long timeoutMs) {
        return asker.request("test.ask", Map.of("peer", target.peerId().orElseThrow(), "route", route, "data", data,
                "timeoutMs", timeoutMs), JsonValue.class);
    }

    private static CompletableFuture<String> answerLater(Map<Object, CompletableFuture<String>> answers, Meta meta) {
        return answers.computeIfAbsent(meta.id(), id -> new CompletableFuture<>());
    }

    private static HitchException failure(CompletableFuture<?> call) {
        return HitchException.of(assertThrows(CompletionException.class, call::join));
    }

    private static String sorted(JsonValue object) {
        var out = Json.createObjectBuilder();
        new java.util.TreeMap<>(object.asJsonObject()).forEach(out::add);
        return out.build().toString();
    }

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
