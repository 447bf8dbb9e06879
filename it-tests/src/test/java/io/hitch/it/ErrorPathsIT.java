package io.hitch.it;

import io.hitch.it.routes.Boom;
import io.hitch.it.routes.Fail;
import jakarta.json.JsonObject;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every error path answers with a stable code, and the connection stays usable afterwards. */
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
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            assertEquals("unknown_route", errorCode(client.call("no.such.route", 1, "{}")));
            assertStillServes(client);
        }
    }

    @Test
    void aBlankNameIsAnsweredBadDataWithTheViolationInDetails() {
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            JsonObject error = client.call("hello", 1, "{\"name\":\"  \"}").getJsonObject("error");
            assertEquals("bad_data", error.getString("code"));
            assertEquals("[{\"path\":\"name\",\"message\":\"must not be blank\"}]", error.get("details").toString());
            assertStillServes(client);
        }
    }

    @Test
    void aNameOverOneHundredCharactersIsAnsweredBadData() {
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            JsonObject error = client.call("hello", 1, "{\"name\":\"" + "x".repeat(101) + "\"}").getJsonObject("error");
            assertEquals("bad_data", error.getString("code"));
            assertEquals("name", error.getJsonArray("details").getJsonObject(0).getString("path"));
        }
    }

    @Test
    void missingDataForATypedRouteIsAnsweredBadData() {
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            assertEquals("bad_data", errorCode(client.call("hello", 1, null)));
        }
    }

    @Test
    void dataOfTheWrongShapeIsAnsweredBadData() {
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            assertEquals("bad_data", errorCode(client.call("hello", 1, "[1,2,3]")));
            assertStillServes(client);
        }
    }

    @Test
    void aRouteExceptionIsAnsweredWithItsOwnCodeMessageAndDetails() {
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            assertEquals("{\"re\":4,\"error\":{\"code\":\"out_of_stock\",\"message\":\"No tea left\","
                    + "\"details\":{\"item\":\"tea\"}}}", client.call("test.fail", 4, "\"tea\"").toString());
        }
    }

    @Test
    void anUnexpectedExceptionIsAnsweredInternalWithAnIncidentAndNoExceptionText() {
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            JsonObject reply = client.call("test.boom", 5, "{}");
            JsonObject error = reply.getJsonObject("error");
            assertEquals("internal", error.getString("code"));
            String incident = error.getJsonObject("details").getString("incident");
            assertTrue(error.getString("message").contains(incident));
            assertFalse(reply.toString().contains(Boom.SECRET));
            assertFalse(reply.toString().contains("IllegalStateException"));
            assertStillServes(client);
        }
    }

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

    private static void assertStillServes(HitchTestClient client) {
        JsonObject reply = client.call("echo", 424242, "\"still here\"");
        assertEquals("still here", reply.getString("data"), reply.toString());
    }
}
