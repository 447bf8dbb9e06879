package io.hitch.it;

import io.hitch.it.routes.Slow;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RequestReplyIT {

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.hitchWith("request-reply", "", Slow.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void theWelcomeIsTheFirstFrameAndListsEveryRoute() {
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            JsonObject welcome = client.welcome();
            assertEquals("hitch.welcome", welcome.getString("route"));
            JsonObject data = welcome.getJsonObject("data");
            assertEquals("hitch/1", data.getString("protocol"));
            assertFalse(data.getString("peer").isBlank());
            List<String> routes = data.getJsonArray("routes").getValuesAs(jakarta.json.JsonString::getString);
            assertTrue(routes.containsAll(List.of("echo", "hello", "test.slow")), routes.toString());
            assertEquals(routes.stream().sorted().toList(), routes, "routes are sorted");
            assertTrue(routes.stream().noneMatch(r -> r.startsWith("hitch.")), "built-ins are not announced");
            assertEquals(65536, data.getJsonObject("limits").getInt("maxFrameBytes"));
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
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            JsonObject reply = client.call("echo", 1, data);
            JsonObject echoed = reply.getJsonObject("data");
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
    void fiftyConnectionsInParallelEachGetTheirOwnAnswers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<Set<String>>> results = new ArrayList<>();
            for (int c = 0; c < 50; c++) {
                int connection = c;
                results.add(pool.submit(() -> {
                    try (HitchTestClient client = HitchTestClient.connect(base)) {
                        Set<String> greetings = new HashSet<>();
                        for (int i = 0; i < 20; i++) {
                            greetings.add(client.call("hello", i, "{\"name\":\"c" + connection + "-" + i + "\"}")
                                    .getJsonObject("data").getString("message"));
                        }
                        return greetings;
                    }
                }));
            }
            for (int c = 0; c < 50; c++) {
                Set<String> greetings = results.get(c).get();
                assertEquals(20, greetings.size());
                assertTrue(greetings.contains("Hello, c" + c + "-19!"));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anAsyncRouteRepliesWhenItsStageCompletes() {
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            client.sendRaw("{\"route\":\"test.slow\",\"id\":1,\"data\":300}");
            client.sendRaw("{\"route\":\"test.slow\",\"id\":2,\"data\":1}");
            assertEquals(2, client.next().getInt("re"), "the quick request is answered first");
            assertEquals("{\"re\":1,\"data\":300}", client.next().toString());
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
