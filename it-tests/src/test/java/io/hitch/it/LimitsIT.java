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

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The limits read from MicroProfile Config: frame size, requests in flight, route timeout. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LimitsIT {

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.hitchWith("limits",
                "hitch.max-frame-bytes=4096\nhitch.max-in-flight=2\nhitch.request-timeout-ms=1000\n", Slow.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void theWelcomeAnnouncesTheConfiguredLimits() {
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            JsonObject data = client.welcome().getJsonObject("data");
            assertEquals("{\"maxFrameBytes\":4096,\"maxInFlight\":2}", data.getJsonObject("limits").toString());
            assertEquals(1000, data.getInt("requestTimeoutMs"));
        }
    }

    @Test
    void aRequestOverTheInFlightLimitIsAnsweredOverloadedAndTheSlotsComeBack() {
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            client.sendRaw("{\"route\":\"test.slow\",\"id\":1,\"data\":400}");
            client.sendRaw("{\"route\":\"test.slow\",\"id\":2,\"data\":400}");
            client.sendRaw("{\"route\":\"test.slow\",\"id\":3,\"data\":1}");
            assertEquals("overloaded", client.answerTo(3).getJsonObject("error").getString("code"));
            assertEquals(400, client.answerTo(1).getInt("data"));
            assertEquals(400, client.answerTo(2).getInt("data"));
            assertEquals(5, client.call("test.slow", 4, "5").getInt("data"));
        }
    }

    @Test
    void anAsyncRouteSlowerThanTheRequestTimeoutIsAnsweredTimeout() {
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            assertEquals("timeout", client.call("test.slow", 1, "5000").getJsonObject("error").getString("code"));
        }
    }

    @Test
    void aFrameOverTheMaximumSizeClosesTheConnectionWith1009() {
        try (HitchTestClient client = HitchTestClient.connect(base);
             HitchTestClient other = HitchTestClient.connect(base)) {
            client.sendRaw("{\"route\":\"echo\",\"id\":1,\"data\":\"" + "x".repeat(5000) + "\"}");
            assertEquals(1009, client.awaitClose());
            assertEquals("ok", other.call("echo", 1, "\"ok\"").getString("data"));
        }
    }

    @Test
    void aMessageInFragmentsThatAddUpToMoreThanTheMaximumClosesTheConnectionWith1009() throws Exception {
        try (RawWebSocket client = RawWebSocket.connect(base);
             HitchTestClient other = HitchTestClient.connect(base)) {
            client.readText(); // the welcome
            byte[] part = "z".repeat(1000).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[][] fragments = new byte[12][];
            fragments[0] = "{\"route\":\"echo\",\"id\":1,\"data\":\"".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            for (int i = 1; i < fragments.length - 1; i++) {
                fragments[i] = part;
            }
            fragments[fragments.length - 1] = "\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            client.sendFragmented(RawWebSocket.TEXT, fragments);
            RawWebSocket.Frame close = client.awaitClose();
            assertEquals(1009, close.closeCode());
            assertEquals("message larger than 4096 bytes", close.closeReason());
            assertEquals("ok", other.call("echo", 1, "\"ok\"").getString("data"));
        }
    }

    @Test
    void aMessageInFragmentsUnderTheMaximumIsAnswered() throws Exception {
        try (RawWebSocket client = RawWebSocket.connect(base)) {
            client.readText(); // the welcome
            client.sendFragmented(RawWebSocket.TEXT, "{\"route\":\"echo\",".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "\"id\":7,\"data\":\"".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    ("w".repeat(3000) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertEquals("{\"re\":7,\"data\":\"" + "w".repeat(3000) + "\"}", client.readText());
        }
    }

    @Test
    void aFrameJustUnderTheMaximumSizeIsAnswered() {
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            String text = "y".repeat(4000);
            assertEquals(text, client.call("echo", 1, "\"" + text + "\"").getString("data"));
        }
    }
}
