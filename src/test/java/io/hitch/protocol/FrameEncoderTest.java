package io.hitch.protocol;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FrameEncoderTest {

    @Test
    void aReplyCarriesTheIdAndTheDataAsGiven() {
        assertEquals("{\"re\":7,\"data\":{\"a\":1}}", FrameEncoder.reply(MessageId.of(7), "{\"a\":1}"));
    }

    @Test
    void aReplyToAStringIdQuotesTheId() {
        assertEquals("{\"re\":\"q-1\",\"data\":null}", FrameEncoder.reply(MessageId.of("q-1"), "null"));
    }

    @Test
    void aReplyWithoutDataHasNoDataMember() {
        assertEquals("{\"re\":7}", FrameEncoder.reply(MessageId.of(7), null));
    }

    @Test
    void aReplyToALongIdCarriesEveryDigit() {
        assertEquals("{\"re\":9007199254740991,\"data\":\"\u00e9t\u00e9 \u2603\"}",
                FrameEncoder.reply(MessageId.of(MessageId.MAX_INTEGER), "\"\u00e9t\u00e9 \u2603\""));
        assertEquals("{\"re\":0}", FrameEncoder.reply(MessageId.of(0), null));
    }

    @Test
    void aReplyToAStringIdEscapesTheId() {
        assertEquals("{\"re\":\"a\\\"b\",\"data\":1}", FrameEncoder.reply(MessageId.of("a\"b"), "1"));
    }

    @Test
    void anErrorReplyCarriesCodeMessageAndDetails() {
        assertEquals("{\"re\":7,\"error\":{\"code\":\"bad_data\",\"message\":\"nope\",\"details\":[1]}}",
                FrameEncoder.errorReply(MessageId.of(7), "bad_data", "nope", "[1]"));
    }

    @Test
    void anErrorReplyWithoutDetailsHasNoDetailsMember() {
        assertEquals("{\"re\":\"a\",\"error\":{\"code\":\"timeout\",\"message\":\"too slow\"}}",
                FrameEncoder.errorReply(MessageId.of("a"), "timeout", "too slow", null));
    }

    @Test
    void aPushIsARouteWithData() {
        assertEquals("{\"route\":\"chat.message\",\"data\":{\"text\":\"hi\"}}",
                FrameEncoder.push("chat.message", "{\"text\":\"hi\"}"));
    }

    @Test
    void aPushWithoutDataHasOnlyARoute() {
        assertEquals("{\"route\":\"tick\"}", FrameEncoder.push("tick", null));
    }

    @Test
    void aRequestWithAnIntegerIdPutsTheIdBetweenRouteAndData() {
        assertEquals("{\"route\":\"ask\",\"id\":9007199254740991,\"data\":1}",
                FrameEncoder.request("ask", MessageId.of(9007199254740991L), "1"));
    }

    @Test
    void aRequestWithAStringIdEscapesTheId() {
        assertEquals("{\"route\":\"ask\",\"id\":\"a\\\"b\",\"data\":[]}",
                FrameEncoder.request("ask", MessageId.of("a\"b"), "[]"));
    }

    @Test
    void aRequestWithoutIdIsANotification() {
        assertEquals("{\"route\":\"ask\",\"data\":{}}", FrameEncoder.request("ask", null, "{}"));
    }

    @Test
    void anErrorPushNamesTheFailedRouteAfterTheDetails() {
        assertEquals("{\"route\":\"hitch.error\",\"data\":{\"code\":\"internal\",\"message\":\"boom\","
                        + "\"details\":{\"incident\":\"ab12\"},\"route\":\"chat.send\"}}",
                FrameEncoder.errorPush("internal", "boom", "{\"incident\":\"ab12\"}", "chat.send"));
    }

    @Test
    void anErrorPushWithoutDetailsOrRouteHasOnlyCodeAndMessage() {
        assertEquals("{\"route\":\"hitch.error\",\"data\":{\"code\":\"bad_frame\",\"message\":\"m\"}}",
                FrameEncoder.errorPush("bad_frame", "m", null, null));
    }

    @Test
    void quotesAndBackslashesInAMessageAreEscaped() {
        assertEquals("{\"re\":1,\"error\":{\"code\":\"x\",\"message\":\"say \\\"hi\\\" \\\\ bye\"}}",
                FrameEncoder.errorReply(MessageId.of(1), "x", "say \"hi\" \\ bye", null));
    }

    @Test
    void controlCharactersInAMessageAreEscaped() {
        assertEquals("\"a\\nb\\tc\\rd\\u0001e\\u001f\"", FrameEncoder.string("a\nb\tc\rd\u0001e\u001f"));
    }

    @Test
    void nonAsciiCharactersAreWrittenAsTheyAre() {
        assertEquals("\"héllo 😀 ✓\"", FrameEncoder.string("héllo 😀 ✓"));
    }

    @Test
    void quotesInARouteAreEscaped() {
        assertEquals("{\"route\":\"a\\\"b\",\"data\":1}", FrameEncoder.push("a\"b", "1"));
    }

    @Test
    void aNullStringIsWrittenAsAnEmptyString() {
        assertEquals("\"\"", FrameEncoder.string(null));
    }

    @Test
    void anEscapedMessageDecodesBackToTheOriginalText() {
        String message = "line1\nline2 \"quoted\" \\ \u0000 \u2028 </script> é 😀";
        String frame = FrameEncoder.errorPush("bad_frame", message, null, "r\"\n");

        Frame.Request push = assertInstanceOf(Frame.Request.class, new FrameDecoder(64).decode(frame));
        JsonObject data = push.data().asJsonObject();
        assertEquals("hitch.error", push.route());
        assertEquals(message, data.getString("message"));
        assertEquals("r\"\n", data.getString("route"));
    }

    @Test
    void messageIdAcceptsTheBoundsOfItsRanges() {
        assertEquals("0", MessageId.of(0).toJson());
        assertEquals("9007199254740991", MessageId.of(MessageId.MAX_INTEGER).toJson());
        assertEquals("\"" + "s".repeat(64) + "\"", MessageId.of("s".repeat(64)).toJson());
    }

    @ParameterizedTest
    @ValueSource(longs = {-1L, 9007199254740992L, Long.MIN_VALUE, Long.MAX_VALUE})
    void messageIdRejectsIntegersOutsideZeroToTwoToThe53MinusOne(long value) {
        assertThrows(IllegalArgumentException.class, () -> MessageId.of(value));
    }

    @Test
    void messageIdRejectsAnEmptyString() {
        assertThrows(IllegalArgumentException.class, () -> MessageId.of(""));
    }

    @Test
    void messageIdRejectsAStringOf65Characters() {
        assertThrows(IllegalArgumentException.class, () -> MessageId.of("s".repeat(65)));
    }

    @Test
    void messageIdRejectsValuesThatAreNeitherLongNorString() {
        assertThrows(IllegalArgumentException.class, () -> new MessageId(7));
        assertThrows(IllegalArgumentException.class, () -> new MessageId(null));
    }

    @Test
    void messageIdSevenAndMessageIdQuotedSevenDiffer() {
        assertNotEquals(MessageId.of(7), MessageId.of("7"));
    }
}
