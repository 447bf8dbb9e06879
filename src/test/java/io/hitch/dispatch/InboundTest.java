package io.hitch.dispatch;

import io.hitch.demo.Echo;
import io.hitch.protocol.FrameDecoder;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.JsonbBuilder;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.StringReader;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InboundTest {

    private static ValidatorFactory validation;

    private final FakeChannel channel = new FakeChannel();
    private final Inbound inbound;

    @BeforeAll
    static void startValidation() {
        validation = Validation.buildDefaultValidatorFactory();
    }

    @AfterAll
    static void stopValidation() {
        validation.close();
    }

    InboundTest() {
        RouteTable routes = RouteTable.of(List.of(RouteEntry.of("echo", new Echo(),
                Set.<Type>of(Echo.class, Echo.class.getGenericInterfaces()[0], Object.class), "bean io.hitch.demo.Echo")));
        Dispatcher dispatcher = new Dispatcher(routes, new Binder(JsonbBuilder.create()),
                new InputValidator(validation.getValidator()), new Incidents(), 64, 600_000);
        inbound = new Inbound(new FrameDecoder(64), dispatcher, new Incidents());
    }

    private String answerTo(String text) {
        inbound.onText(channel, text);
        return channel.onlyFrame();
    }

    private static String errorPush(String message) {
        return "{\"route\":\"hitch.error\",\"data\":{\"code\":\"bad_frame\",\"message\":\"" + message + "\"}}";
    }

    @Test
    void aGoodRequestIsDispatchedAndAnswered() {
        assertEquals("{\"re\":1,\"data\":{\"a\":[1,2]}}", answerTo("{\"route\":\"echo\",\"id\":1,\"data\":{\"a\":[1,2]}}"));
    }

    @Test
    void invalidJsonIsReportedByAnErrorPush() {
        String frame = answerTo("{\"route\":\"echo\",\"id\":1");

        assertTrue(frame.startsWith("{\"route\":\"hitch.error\",\"data\":{\"code\":\"bad_frame\",\"message\":\"invalid"
                + " JSON: "), frame);
        assertEquals(Set.of("code", "message"), Json.createReader(new StringReader(frame)).readObject()
                .getJsonObject("data").keySet());
    }

    @Test
    void anEmptyFrameIsReportedByAnErrorPush() {
        assertEquals(errorPush("empty frame: expected a JSON object"), answerTo(""));
    }

    @Test
    void aFrameThatIsNotAnObjectIsReportedByAnErrorPush() {
        assertEquals(errorPush("a frame must be a JSON object, not array"), answerTo("[{\"route\":\"echo\",\"id\":1}]"));
    }

    @Test
    void aRouteOfWrongTypeWithAUsableIdIsAnsweredByAnErrorReply() {
        assertEquals("{\"re\":11,\"error\":{\"code\":\"bad_frame\",\"message\":\"\\\"route\\\" must be a string\"}}",
                answerTo("{\"route\":5,\"id\":11}"));
    }

    @Test
    void aMissingRouteWithAUsableStringIdIsAnsweredByAnErrorReply() {
        assertEquals("{\"re\":\"abc\",\"error\":{\"code\":\"bad_frame\",\"message\":\"a request needs a \\\"route\\\""
                + " (or \\\"re\\\" for a reply)\"}}", answerTo("{\"id\":\"abc\",\"data\":1}"));
    }

    @Test
    void anIdOutOfRangeIsReportedByAnErrorPush() {
        assertEquals(errorPush("\\\"id\\\" must be between 0 and 2^53-1"),
                answerTo("{\"route\":\"echo\",\"id\":9007199254740992}"));
    }

    @Test
    void anIdOfWrongTypeIsReportedByAnErrorPushEvenWhenTheRouteIsBadToo() {
        assertEquals(errorPush("\\\"id\\\" must be an integer or a string, not boolean"),
                answerTo("{\"route\":5,\"id\":true}"));
    }

    @Test
    void aMalformedAnswerIsReportedByAnErrorPushNeverAnErrorReply() {
        assertEquals(errorPush("\\\"error\\\" must be an object"), answerTo("{\"re\":3,\"error\":\"x\"}"));
    }

    @Test
    void duplicateKeysAreReportedByAnErrorPush() {
        String frame = answerTo("{\"route\":\"echo\",\"id\":1,\"id\":2}");

        assertTrue(frame.startsWith("{\"route\":\"hitch.error\",\"data\":{\"code\":\"bad_frame\",\"message\":\"invalid"
                + " JSON: Duplicate key"), frame);
    }

    @Test
    void twoObjectsInOneMessageAreReportedByAnErrorPushAndNeitherIsDispatched() {
        String frame = answerTo("{\"route\":\"echo\",\"id\":1,\"data\":1}{\"route\":\"echo\",\"id\":2,\"data\":2}");

        assertTrue(frame.startsWith("{\"route\":\"hitch.error\",\"data\":{\"code\":\"bad_frame\",\"message\":\"invalid"
                + " JSON: "), frame);
    }

    @Test
    void aBinaryFrameIsReportedByABadFramePush() {
        inbound.onBinary(channel);

        assertEquals(errorPush("binary frames are not supported: send JSON text frames"), channel.onlyFrame());
    }

    @Test
    void aStrayReplyIsReportedByAnErrorPush() {
        assertEquals(errorPush("no request with id 3 is waiting for an answer"), answerTo("{\"re\":3,\"data\":1}"));
    }

    @Test
    void aStrayErrorReplyWithAStringIdIsReportedByAnErrorPush() {
        assertEquals(errorPush("no request with id \\\"x\\\" is waiting for an answer"),
                answerTo("{\"re\":\"x\",\"error\":{\"code\":\"nope\",\"message\":\"m\"}}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "not json",
            "{\"route\":\"echo\",\"id\":1",
            "[1]",
            "null",
            "{}",
            "{\"route\":5,\"id\":11}",
            "{\"route\":\"echo\",\"id\":-1}",
            "{\"route\":\"echo\",\"route\":\"echo\"}",
            "{\"re\":3,\"error\":\"x\"}",
            "{\"re\":3,\"data\":1}",
            "{\"route\":\"missing\",\"id\":5}"})
    void theConnectionIsUsableAfterABadFrame(String bad) {
        inbound.onText(channel, bad);
        inbound.onText(channel, "{\"route\":\"echo\",\"id\":99,\"data\":\"still here\"}");

        List<String> sent = channel.sent();
        assertEquals(2, sent.size(), sent.toString());
        assertEquals("{\"re\":99,\"data\":\"still here\"}", sent.get(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[1]", "{\"route\":\"echo\",\"id\":-1}", "{\"re\":3,\"error\":\"x\"}", "{\"re\":3}"})
    void anErrorPushNeverCarriesRe(String bad) {
        JsonObject push = Json.createReader(new StringReader(answerTo(bad))).readObject();

        assertEquals("hitch.error", push.getString("route"));
        assertFalse(push.containsKey("re"));
        assertFalse(push.getJsonObject("data").containsKey("re"));
    }

    @Test
    void aFrameNestedTooDeeplyIsReportedByAnErrorPushAndTheConnectionStaysUsable() {
        inbound.onText(channel, "{\"route\":\"echo\",\"id\":1,\"data\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}");
        inbound.onText(channel, "{\"route\":\"echo\",\"id\":2,\"data\":0}");

        List<String> sent = channel.sent();
        assertTrue(sent.get(0).startsWith("{\"route\":\"hitch.error\",\"data\":{\"code\":\"bad_frame\",\"message\":"
                + "\"invalid JSON: "), sent.get(0));
        assertEquals("{\"re\":2,\"data\":0}", sent.get(1));
    }

    @Test
    void aFailureEscapingTheDispatcherIsReportedByAnInternalPushWithAnIncident() {
        Channel broken = new Channel() {
            @Override
            public io.hitch.api.Peer peer() {
                return channel.peer();
            }

            @Override
            public void send(String frame) {
                channel.send(frame);
            }

            @Override
            public boolean tryStartRequest(int limit) {
                throw new IllegalStateException("secret hunter2");
            }

            @Override
            public void endRequest() {
            }
        };
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("io.hitch");
        java.util.logging.Level level = log.getLevel();
        log.setLevel(java.util.logging.Level.OFF); // the incident's stack trace is expected
        try {
            inbound.onText(broken, "{\"route\":\"echo\",\"id\":1}");
        } finally {
            log.setLevel(level);
        }

        String frame = channel.onlyFrame();
        assertTrue(frame.matches("\\{\"route\":\"hitch.error\",\"data\":\\{\"code\":\"internal\",\"message\":"
                + "\"internal error \\(incident ([0-9a-f]{12})\\)\",\"details\":\\{\"incident\":\"\\1\"\\}\\}\\}"), frame);
        assertFalse(frame.contains("hunter2"), frame);
    }

    @Test
    void aBinaryFrameLeavesTheConnectionUsable() {
        inbound.onBinary(channel);
        inbound.onText(channel, "{\"route\":\"echo\",\"id\":1,\"data\":true}");

        assertEquals("{\"re\":1,\"data\":true}", channel.sent().get(1));
    }
}
