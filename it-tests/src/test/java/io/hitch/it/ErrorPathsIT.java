package io.hitch.it;

import io.hitch.client.HitchClient;
import io.hitch.client.HitchException;
import io.hitch.it.routes.Boom;
import io.hitch.it.routes.Fail;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every error path answers with a stable code, and the connection stays usable afterwards: route
 * errors through the Java client, malformed frames through the raw test client.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ErrorPathsIT {

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.hitchWith("error-paths", "", Fail.class, Boom.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void anUnknownRouteIsAnsweredUnknownRoute() {
        try (HitchClient client = Clients.connect(base)) {
            assertEquals("unknown_route", failure(client.request("no.such.route", Map.of(), JsonValue.class)).code());
            assertStillServes(client);
        }
    }

    @Test
    void aBlankNameIsAnsweredBadDataWithTheViolationInDetails() {
        try (HitchClient client = Clients.connect(base)) {
            HitchException e = failure(client.request("hello", Map.of("name", "  "), JsonValue.class));
            assertEquals("bad_data", e.code());
            assertEquals("[{\"path\":\"name\",\"message\":\"must not be blank\"}]", e.details().toString());
            assertStillServes(client);
        }
    }

    @Test
    void aNameOverOneHundredCharactersIsAnsweredBadData() {
        try (HitchClient client = Clients.connect(base)) {
            HitchException e = failure(client.request("hello", Map.of("name", "x".repeat(101)), JsonValue.class));
            assertEquals("bad_data", e.code());
            assertEquals("name", e.details().asJsonArray().getJsonObject(0).getString("path"));
        }
    }

    @Test
    void missingDataForATypedRouteIsAnsweredBadData() {
        try (HitchClient client = Clients.connect(base)) {
            assertEquals("bad_data", failure(client.request("hello", null, JsonValue.class)).code());
        }
    }

    @Test
    void dataOfTheWrongShapeIsAnsweredBadData() {
        try (HitchClient client = Clients.connect(base)) {
            assertEquals("bad_data", failure(client.request("hello", List.of(1, 2, 3), JsonValue.class)).code());
            assertStillServes(client);
        }
    }

    @Test
    void aRouteExceptionIsAnsweredWithItsOwnCodeMessageAndDetails() {
        try (HitchClient client = Clients.connect(base)) {
            HitchException e = failure(client.request("test.fail", "tea", JsonValue.class));
            assertEquals("out_of_stock", e.code());
            assertEquals("No tea left", e.getMessage());
            assertEquals("{\"item\":\"tea\"}", e.details().toString());
        }
    }

    @Test
    void anUnexpectedExceptionIsAnsweredInternalWithAnIncidentAndNoExceptionText() {
        try (HitchClient client = Clients.connect(base)) {
            HitchException e = failure(client.request("test.boom", Map.of(), JsonValue.class));
            assertEquals("internal", e.code());
            String incident = e.details().asJsonObject().getString("incident");
            assertTrue(e.getMessage().contains(incident));
            String everything = e.getMessage() + " " + e.details();
            assertFalse(everything.contains(Boom.SECRET));
            assertFalse(everything.contains("IllegalStateException"));
            assertStillServes(client);
        }
    }

    // From here on, on the wire: frames no well-behaved client sends.

    @ParameterizedTest
    @ValueSource(strings = {"not json", "", " ", "[]", "\"text\"", "42", "null", "{}", "{\"id\":true,\"route\":\"echo\"}",
        "{\"route\":\"echo\",\"id\":1.5}", "{\"route\":\"echo\",\"id\":-1}", "{\"route\":\"echo\",\"id\":9007199254740992}",
        "{\"route\":\"echo\",\"id\":\"\"}", "{\"route\":\"echo\",\"route\":\"hello\",\"id\":1}", "{\"re\":1,\"error\":7}",
        "{\"route\":\"echo\",\"id\":{}}", "{\"route\":\"echo\"", "\u0000", "{\"route\":\"echo\",\"id\":1}}"})
    void aFrameWithoutAUsableIdIsAnsweredWithABadFramePush(String frame) {
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            client.sendRaw(frame);
            JsonObject push = client.next();
            assertEquals("hitch.error", push.getString("route"), push.toString());
            assertEquals("bad_frame", push.getJsonObject("data").getString("code"));
            assertStillServes(client);
        }
    }

    @Test
    void aFrameWithAUsableIdButNoStringRouteIsAnsweredWithAnErrorReply() {
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            client.sendRaw("{\"route\":5,\"id\":11}");
            JsonObject reply = client.next();
            assertEquals(11, reply.getInt("re"));
            assertEquals("bad_frame", errorCode(reply));
        }
    }

    @Test
    void aBinaryFrameIsAnsweredWithABadFramePushAndTheConnectionStaysOpen() {
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            client.sendBinary(new byte[] {1, 2, 3});
            assertEquals("bad_frame", client.nextErrorPush().getJsonObject("data").getString("code"));
            assertStillServes(client);
        }
    }

    @Test
    void tenThousandDeepNestingIsRefusedAsABadFrame() {
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            client.sendRaw("{\"route\":\"echo\",\"id\":1,\"data\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}");
            assertEquals("bad_frame", client.nextErrorPush().getJsonObject("data").getString("code"));
            assertStillServes(client);
        }
    }

    @Test
    void aFailedNotificationIsReportedWithAnErrorPushNamingTheRoute() {
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            client.sendRaw("{\"route\":\"test.fail\",\"data\":\"milk\"}");
            JsonObject data = client.nextErrorPush().getJsonObject("data");
            assertEquals("out_of_stock", data.getString("code"));
            assertEquals("test.fail", data.getString("route"));
        }
    }

    @Test
    void aStrayReplyIsReportedAsABadFrame() {
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            client.sendRaw("{\"re\":99,\"data\":1}");
            assertEquals("bad_frame", client.nextErrorPush().getJsonObject("data").getString("code"));
            assertStillServes(client);
        }
    }

    @Test
    void badFramesOnOneConnectionDoNotDisturbAnother() {
        try (HitchTestClient calm = HitchTestClient.connect(base);
             HitchTestClient hostile = HitchTestClient.connect(base)) {
            for (int i = 0; i < 50; i++) {
                hostile.sendRaw("{\"route\":\"test.boom\",\"id\":" + i + "}");
                hostile.sendRaw("garbage " + i);
            }
            assertEquals("Hello, calm!", calm.call("hello", 1, "{\"name\":\"calm\"}")
                    .getJsonObject("data").getString("message"));
            assertStillServes(hostile);
        }
    }

    private static String errorCode(JsonObject reply) {
        return reply.getJsonObject("error").getString("code");
    }

    private static HitchException failure(CompletableFuture<?> call) {
        return HitchException.of(assertThrows(CompletionException.class, call::join));
    }

    private static void assertStillServes(HitchClient client) {
        assertEquals("still here", client.request("echo", "still here", String.class).join());
    }

    private static void assertStillServes(HitchTestClient client) {
        JsonObject reply = client.call("echo", 424242, "\"still here\"");
        assertEquals("still here", reply.getString("data"), reply.toString());
    }
}
