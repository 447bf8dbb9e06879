package io.hitch.it;

import io.hitch.client.ConnectionListener;
import io.hitch.client.HitchClient;
import io.hitch.client.HitchException;
import io.hitch.client.HitchOptions;
import io.hitch.client.Meta;
import io.hitch.client.Reconnect;
import io.hitch.it.client.Kick;
import io.hitch.it.push.PushRoutes;
import io.hitch.it.routes.Fail;
import io.hitch.it.routes.Slow;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Java client ({@code io.hitch.client}) against a real server: every feature, over the wire. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HitchClientIT {

    public record Hello(String name) { }

    public record Greeting(String message) { }

    public record Pushed(String from, String text) { }

    public record Question(String q) { }

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.hitchWith("java-client", "hitch.relay-routes=test.dm\n", PushRoutes.with(
                PushRoutes.groupsAndPush(), PushRoutes.ask(), new Class<?>[] {Slow.class, Fail.class, Kick.class}));
    }

    @ArquillianResource
    URL base;

    private static HitchException failure(CompletableFuture<?> call) {
        return HitchException.of(assertThrows(CompletionException.class, call::join));
    }

    private static <T> T next(BlockingQueue<T> queue) throws InterruptedException {
        T value = queue.poll(Clients.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(value, "nothing within " + Clients.WAIT);
        return value;
    }

    @Test
    void aTypedRequestGetsATypedReply() {
        try (HitchClient client = Clients.connect(base)) {
            assertEquals(new Greeting("Hello, Ada!"), client.request("hello", new Hello("Ada"), Greeting.class).join());
        }
    }

    @Test
    void theWelcomeGivesThePeerIdAndTheServersRoutes() {
        try (HitchClient client = Clients.connect(base)) {
            assertEquals(22, client.peerId().orElseThrow().length());
            assertTrue(client.routes().containsAll(List.of("echo", "hello", "test.ask", "test.slow")), client.routes().toString());
        }
    }

    @Test
    void callsMadeBeforeTheConnectionOpensAreSentWhenItDoes() {
        try (HitchClient client = HitchClient.connect(HitchTestClient.wsUri(base))) {
            CompletableFuture<JsonValue> early = client.request("echo", Map.of("n", 1), JsonValue.class, Clients.WAIT);
            assertEquals("{\"n\":1}", early.join().toString());
        }
    }

    @Test
    void anApplicationErrorCarriesItsCodeMessageAndDetails() {
        try (HitchClient client = Clients.connect(base)) {
            HitchException e = failure(client.request("test.fail", "tea", String.class));
            assertEquals("out_of_stock", e.code());
            assertEquals("No tea left", e.getMessage());
            assertEquals("{\"item\":\"tea\"}", e.details().toString());
        }
    }

    @Test
    void invalidDataIsBadDataWithTheViolations() {
        try (HitchClient client = Clients.connect(base)) {
            HitchException e = failure(client.request("hello", new Hello(" "), Greeting.class));
            assertEquals("bad_data", e.code());
            assertEquals("name", e.details().asJsonArray().getJsonObject(0).getString("path"));
        }
    }

    @Test
    void aCallPastItsOwnTimeoutFailsWithTimeoutAndTheConnectionGoesOn() {
        try (HitchClient client = Clients.connect(base)) {
            assertEquals("timeout", failure(client.request("test.slow", 3000, Long.class, Duration.ofMillis(200))).code());
            assertEquals(5L, client.request("test.slow", 5, Long.class).join());
        }
    }

    @Test
    void aFailedNotificationIsReportedToTheListenerWithItsRoute() throws Exception {
        BlockingQueue<HitchException> errors = new LinkedBlockingQueue<>();
        try (HitchClient client = Clients.connect(base, HitchOptions.builder().listener(new ConnectionListener() {
            @Override
            public void error(HitchException error) {
                errors.add(error);
            }
        }))) {
            client.notify("no.such.route", 1);
            HitchException e = next(errors);
            assertEquals("unknown_route", e.code());
            assertEquals("no.such.route", e.route());
        }
    }

    @Test
    void aPushReachesTheHandlerOfItsRoute() throws Exception {
        BlockingQueue<Pushed> pushes = new LinkedBlockingQueue<>();
        try (HitchClient sender = Clients.connect(base); HitchClient receiver = Clients.connect(base)) {
            receiver.on("test.pushed", Pushed.class, (pushed, meta) -> pushes.add(pushed));
            String to = receiver.peerId().orElseThrow();
            assertTrue(sender.request("test.push.to", Map.of("peer", to, "text", "hi"), Boolean.class).join());
            assertEquals(new Pushed(sender.peerId().orElseThrow(), "hi"), next(pushes));
        }
    }

    @Test
    void aServerRequestIsAnsweredByTheHandlerOfItsRoute() {
        try (HitchClient asker = Clients.connect(base); HitchClient target = Clients.connect(base)) {
            target.onRequest("test.question", Question.class, (question, meta) -> Map.of("answer", question.q() + "!"));
            JsonValue answer = asker.request("test.ask", Map.of("peer", target.peerId().orElseThrow(),
                    "route", "test.question", "data", Map.of("q", "tea"), "timeoutMs", 10_000), JsonValue.class).join();
            assertEquals("{\"answer\":\"tea!\"}", answer.toString());
        }
    }

    @Test
    void aHandlersHitchExceptionReachesTheRouteThatAsked() {
        try (HitchClient asker = Clients.connect(base); HitchClient target = Clients.connect(base)) {
            target.onRequest("test.question", Question.class, (question, meta) -> {
                throw new HitchException("no_tea", "out of tea", Json.createValue(0));
            });
            HitchException e = failure(asker.request("test.ask", Map.of("peer", target.peerId().orElseThrow(),
                    "route", "test.question", "timeoutMs", 10_000), JsonValue.class));
            assertEquals("no_tea", e.code());
            assertEquals("out of tea", e.getMessage());
        }
    }

    @Test
    void aRelayReachesTheOtherClientWhoSeesTheSenderAndAnswers() {
        try (HitchClient caller = Clients.connect(base); HitchClient target = Clients.connect(base)) {
            target.onRequest("test.dm", String.class, (text, meta) -> text + " from " + meta.from());
            String answer = caller.relay(target.peerId().orElseThrow(), "test.dm", "psst", String.class).join();
            assertEquals("psst from " + caller.peerId().orElseThrow(), answer);
        }
    }

    @Test
    void aRelayToAGonePeerOrAnUnlistedRouteFailsWithTheServersCode() {
        try (HitchClient caller = Clients.connect(base); HitchClient target = Clients.connect(base)) {
            assertEquals("unavailable", failure(caller.relay("AAAAAAAAAAAAAAAAAAAAAA", "test.dm", 1, String.class)).code());
            assertEquals("forbidden", failure(caller.relay(target.peerId().orElseThrow(), "test.secret", 1, String.class)).code());
        }
    }

    @Test
    void aDroppedConnectionFailsItsCallsWithDisconnectedAndTheClientReconnectsAsANewPeer() throws Exception {
        BlockingQueue<Integer> closes = new LinkedBlockingQueue<>();
        Reconnect quick = new Reconnect(Duration.ofMillis(50), Duration.ofMillis(200), 2, Reconnect.Jitter.EQUAL, 10);
        try (HitchClient client = Clients.connect(base, HitchOptions.builder().reconnect(quick)
                .listener(new ConnectionListener() {
                    @Override
                    public void closed(int code, String reason) {
                        closes.add(code);
                    }
                }))) {
            String first = client.peerId().orElseThrow();
            CompletableFuture<Long> slow = client.request("test.slow", 10_000, Long.class);
            client.request("test.kick", null, JsonValue.class);
            assertEquals(HitchException.DISCONNECTED, failure(slow).code());
            assertEquals(4001, next(closes));
            String second = client.awaitWelcome(Clients.WAIT).peer();
            assertNotEquals(first, second);
            assertEquals(new Greeting("Hello, again!"), client.request("hello", new Hello("again"), Greeting.class).join());
        }
    }

    @Test
    void aRefusedUpgradeFailsTheWelcomeWithTheHttpStatus() {
        try (HitchClient client = HitchClient.connect(HitchTestClient.wsUri(base), HitchOptions.builder()
                .header("Origin", "https://evil.example").reconnect(Reconnect.NEVER).build())) {
            HitchException e = assertThrows(HitchException.class, () -> client.awaitWelcome(Clients.WAIT));
            assertEquals("unavailable", e.code());
            assertEquals(403, e.details().asJsonObject().getInt("status"));
            assertEquals(HitchClient.State.CLOSED, client.state());
        }
    }

    @Test
    void heartbeatPingsAreAnsweredSoAQuietConnectionStaysUp() throws Exception {
        BlockingQueue<Integer> closes = new LinkedBlockingQueue<>();
        try (HitchClient client = HitchClient.connect(HitchTestClient.wsUri(base), HitchOptions.builder()
                .heartbeat(Duration.ofMillis(100)).timeout(Duration.ofMillis(500)).listener(new ConnectionListener() {
                    @Override
                    public void closed(int code, String reason) {
                        closes.add(code);
                    }
                }).build())) {
            String peer = client.awaitWelcome(Clients.WAIT).peer();
            // Unanswered pings would close it after 100 + 500 ms.
            assertEquals(null, closes.poll(1500, TimeUnit.MILLISECONDS));
            assertEquals(peer, client.peerId().orElseThrow());
        }
    }

    @Test
    void closingFailsWhatIsPendingWithDisconnected() {
        HitchClient client = Clients.connect(base);
        CompletableFuture<Long> slow = client.request("test.slow", 10_000, Long.class);
        client.close();
        assertEquals(HitchException.DISCONNECTED, failure(slow).code());
    }
}
