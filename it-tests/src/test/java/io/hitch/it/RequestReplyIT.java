package io.hitch.it;

import io.hitch.client.HitchClient;
import io.hitch.client.HitchOptions;
import io.hitch.client.Welcome;
import io.hitch.it.routes.Slow;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests and replies. Java clients where the behaviour is at the route level; the raw test client
 * where the exact frames matter (ids as sent, string ids, subprotocol, answered exactly once).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RequestReplyIT {

    public record Hello(String name) { }

    public record Greeting(String message) { }

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.hitchWith("request-reply", "", Slow.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void aFrameNearTheSizeLimitFullOfMultiByteCharactersComesBackIntact() throws Exception {
        // 3- and 4-byte UTF-8 sequences all through a 64 KB frame: however the container cuts a
        // frame into parts, no character may be split or refused.
        String text = "\u20ac\uD83C\uDF89a".repeat(65_000 / 8);
        try (RawWebSocket client = RawWebSocket.connect(base)) {
            client.readText(); // the welcome
            client.sendText("{\"route\":\"echo\",\"id\":5,\"data\":\"" + text + "\"}");
            assertEquals("{\"re\":5,\"data\":\"" + text + "\"}", client.readText());
        }
    }

    @Test
    void theWelcomeIsTheFirstFrameAndListsEveryRoute() {
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            assertEquals("hitch.welcome", client.welcome().getString("route"));
        }
    }

    @Test
    void theWelcomeNamesTheProtocolThePeerTheSortedApplicationRoutesAndTheLimits() {
        try (HitchClient client = Clients.connect(base)) {
            Welcome welcome = client.welcome().join();
            assertEquals("hitch/1", welcome.protocol());
            assertFalse(welcome.peer().isBlank());
            List<String> routes = welcome.routes();
            assertTrue(routes.containsAll(List.of("echo", "hello", "test.slow")), routes.toString());
            assertEquals(routes.stream().sorted().toList(), routes, "routes are sorted");
            assertTrue(routes.stream().noneMatch(r -> r.startsWith("hitch.")), "built-ins are not announced");
            assertEquals(65536, welcome.maxFrameBytes());
        }
    }

    @Test
    void theServerAcceptsTheHitchSubprotocolWhenOffered() {
        try (HitchTestClient client = HitchTestClient.connect(base, "hitch.v1")) {
            assertEquals("hitch.v1", client.subprotocol());
        }
    }

    @Test
    void helloAnswersTheGreetingWithTheRequestsId() {
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            assertEquals("{\"re\":7,\"data\":{\"message\":\"Hello, World!\"}}",
                    client.call("hello", 7, "{\"name\":\"World\"}").toString());
        }
    }

    @Test
    void aStringIdComesBackAsTheSameString() {
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            client.sendRaw("{\"route\":\"hello\",\"id\":\"req-\\u00e9\",\"data\":{\"name\":\"Ada\"}}");
            JsonObject reply = client.next(f -> f.containsKey("re"));
            assertEquals("req-\u00e9", reply.getString("re"));
        }
    }

    @Test
    void echoReturnsAnyJsonWithNumbersExactlyAsSent() {
        String data = "{\"big\":12345678901234567890.12345678901234567890,\"int\":123456789012345678901234567890,"
                + "\"small\":1.0E-40,\"list\":[true,null,\"\\u2603\",{}]}";
        try (HitchClient client = Clients.connect(base);
             JsonReader reader = Json.createReader(new StringReader(data))) {
            JsonObject echoed = client.request("echo", reader.readObject(), JsonObject.class).join();
            assertEquals("12345678901234567890.12345678901234567890",
                    echoed.getJsonNumber("big").bigDecimalValue().toPlainString());
            assertEquals("123456789012345678901234567890", echoed.getJsonNumber("int").bigIntegerValue().toString());
            assertEquals(0, new java.math.BigDecimal("1.0E-40").compareTo(echoed.getJsonNumber("small").bigDecimalValue()));
            assertEquals("[true,null,\"\u2603\",{}]", echoed.getJsonArray("list").toString());
        }
    }

    @Test
    void twoHundredPipelinedRequestsOnOneConnectionAreEachAnsweredOnce() throws Exception {
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            for (int i = 1; i <= 200; i++) {
                client.sendRaw("{\"route\":\"echo\",\"id\":" + i + ",\"data\":" + i + "}");
            }
            Set<Integer> answered = new HashSet<>();
            for (int i = 0; i < 200; i++) {
                JsonObject reply = client.next();
                int id = reply.getInt("re");
                assertEquals(id, reply.getInt("data"));
                assertTrue(answered.add(id), "answered twice: " + id);
            }
            assertEquals(200, answered.size());
            assertTrue(client.drain(300).isEmpty());
        }
    }

    @Test
    void fiftyConnectionsInParallelEachGetTheirOwnAnswers() {
        List<HitchClient> clients = new ArrayList<>();
        try {
            List<List<CompletableFuture<Greeting>>> greetings = new ArrayList<>();
            for (int c = 0; c < 50; c++) {
                HitchClient client = HitchClient.connect(HitchTestClient.wsUri(base),
                        HitchOptions.builder().timeout(Clients.WAIT).build());
                clients.add(client);
                List<CompletableFuture<Greeting>> calls = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    calls.add(client.request("hello", new Hello("c" + c + "-" + i), Greeting.class));
                }
                greetings.add(calls);
            }
            for (int c = 0; c < 50; c++) {
                for (int i = 0; i < 20; i++) {
                    assertEquals("Hello, c" + c + "-" + i + "!", greetings.get(c).get(i).join().message());
                }
            }
        } finally {
            clients.forEach(HitchClient::close);
        }
    }

    @Test
    void anAsyncRouteRepliesWhenItsStageCompletes() {
        try (HitchClient client = Clients.connect(base)) {
            CompletableFuture<Long> slow = client.request("test.slow", 300, Long.class);
            CompletableFuture<Long> quick = client.request("test.slow", 1, Long.class);
            // Completion times: the replies arrive about 300 ms apart.
            CompletableFuture<Long> slowAt = slow.thenApply(n -> System.nanoTime());
            CompletableFuture<Long> quickAt = quick.thenApply(n -> System.nanoTime());
            assertTrue(quickAt.join() < slowAt.join(), "the quick request is answered first");
            assertEquals(List.of(300L, 1L), List.of(slow.join(), quick.join()));
        }
    }

    @Test
    void pingIsAnsweredWithTheServerTime() {
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            long before = System.currentTimeMillis();
            JsonObject reply = client.call("hitch.ping", 3, null);
            assertTrue(reply.getJsonObject("data").getJsonNumber("pong").longValue() >= before - 60_000);
        }
    }
}
