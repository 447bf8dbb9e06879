package io.hitch.protocol;

import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameDecoderTest {

    private final FrameDecoder decoder = new FrameDecoder(64);

    private Frame.Request request(String text) {
        return assertInstanceOf(Frame.Request.class, decoder.decode(text));
    }

    private BadFrameException refused(String text) {
        return assertThrows(BadFrameException.class, () -> decoder.decode(text));
    }

    @Nested
    class DataText {

        @ParameterizedTest
        @ValueSource(strings = {"{ \"x\" : [1, 2] , \"y\":{}}", "[ ]", "\"a\\\"b}\"", "-1.5e3", "0", "true", "false",
                "null", "\"\""})
        void isTheDataExactlyAsTheClientWroteIt(String data) {
            Frame.Request r = request("{ \"route\":\"a\" ,\"data\" :\t" + data + " \n, \"id\":1}");

            assertEquals(data, r.dataText());
            assertEquals(r.data(), jakarta.json.Json.createReader(new java.io.StringReader(r.dataText())).readValue());
        }

        @Test
        void isNullWhenTheFrameHasNoData() {
            assertNull(request("{\"route\":\"a\",\"id\":1}").dataText());
        }
    }

    @Nested
    class GoodFrames {

        @Test
        void aRequestCarriesItsRouteIdAndData() {
            Frame.Request r = request("{\"route\":\"hello\",\"id\":7,\"data\":{\"name\":\"World\"}}");

            assertEquals("hello", r.route());
            assertEquals(MessageId.of(7), r.id());
            assertEquals("{\"name\":\"World\"}", r.data().toString());
            assertFalse(r.isNotification());
        }

        @Test
        void aRequestWithoutIdIsANotification() {
            Frame.Request r = request("{\"route\":\"chat.typing\",\"data\":true}");

            assertNull(r.id());
            assertTrue(r.isNotification());
            assertSame(JsonValue.TRUE, r.data());
        }

        @Test
        void absentDataIsJsonNull() {
            assertSame(JsonValue.NULL, request("{\"route\":\"a\",\"id\":1}").data());
        }

        @Test
        void explicitNullDataIsJsonNull() {
            assertEquals(JsonValue.ValueType.NULL, request("{\"route\":\"a\",\"id\":1,\"data\":null}").data().getValueType());
        }

        @Test
        void unknownMembersAreIgnored() {
            Frame.Request r = request("{\"route\":\"a\",\"id\":1,\"future\":{\"x\":[1,2]},\"data\":2}");

            assertEquals(new Frame.Request("a", MessageId.of(1), r.data(), "2"), r);
            assertEquals("2", r.data().toString());
        }

        @Test
        void aReplyCarriesTheIdItAnswersAndItsData() {
            Frame.Reply reply = assertInstanceOf(Frame.Reply.class, decoder.decode("{\"re\":7,\"data\":{\"ok\":true}}"));

            assertEquals(MessageId.of(7), reply.re());
            assertEquals("{\"ok\":true}", reply.data().toString());
        }

        @Test
        void aReplyWithoutDataHasJsonNullData() {
            Frame.Reply reply = assertInstanceOf(Frame.Reply.class, decoder.decode("{\"re\":\"q1\"}"));

            assertEquals(MessageId.of("q1"), reply.re());
            assertSame(JsonValue.NULL, reply.data());
        }

        @Test
        void anErrorReplyCarriesCodeMessageAndDetails() {
            Frame.ErrorReply reply = assertInstanceOf(Frame.ErrorReply.class, decoder.decode(
                    "{\"re\":7,\"error\":{\"code\":\"bad_data\",\"message\":\"nope\",\"details\":[{\"path\":\"x\"}]}}"));

            assertEquals(MessageId.of(7), reply.re());
            assertEquals("bad_data", reply.error().code());
            assertEquals("nope", reply.error().message());
            assertEquals("[{\"path\":\"x\"}]", reply.error().details().toString());
        }

        @Test
        void anErrorReplyWithoutDetailsHasNullDetails() {
            Frame.ErrorReply reply = assertInstanceOf(Frame.ErrorReply.class,
                    decoder.decode("{\"re\":7,\"error\":{\"code\":\"timeout\",\"message\":\"too slow\"}}"));

            assertEquals(new Frame.ErrorBody("timeout", "too slow", null), reply.error());
        }

        @Test
        void anErrorReplyWithoutMessageHasAnEmptyMessage() {
            Frame.ErrorReply reply = assertInstanceOf(Frame.ErrorReply.class,
                    decoder.decode("{\"re\":7,\"error\":{\"code\":\"timeout\"}}"));

            assertEquals("", reply.error().message());
        }

        @Test
        void integerIdZeroIsAccepted() {
            assertEquals(MessageId.of(0), request("{\"route\":\"a\",\"id\":0}").id());
        }

        @Test
        void integerIdTwoToThe53MinusOneIsAccepted() {
            assertEquals(MessageId.of(9007199254740991L), request("{\"route\":\"a\",\"id\":9007199254740991}").id());
        }

        @Test
        void aStringIdOfOneCharacterIsAccepted() {
            assertEquals(MessageId.of("x"), request("{\"route\":\"a\",\"id\":\"x\"}").id());
        }

        @Test
        void aStringIdOf64CharactersIsAccepted() {
            String id = "k".repeat(64);

            assertEquals(MessageId.of(id), request("{\"route\":\"a\",\"id\":\"" + id + "\"}").id());
        }

        @Test
        void anIntegerIdAndTheSameDigitsAsAStringAreDifferentIds() {
            assertNotEquals(request("{\"route\":\"a\",\"id\":7}").id(), request("{\"route\":\"a\",\"id\":\"7\"}").id());
        }

        @Test
        void aDecimalNumberBeyondDoublePrecisionIsKeptExactlyInData() {
            Frame.Request r = request("{\"route\":\"echo\",\"id\":1,\"data\":12345678901234567890.12345678901234567890}");

            assertEquals("12345678901234567890.12345678901234567890", r.data().toString());
            assertEquals(new BigDecimal("12345678901234567890.12345678901234567890"),
                    ((JsonNumber) r.data()).bigDecimalValue());
        }

        @Test
        void anIntegerBeyondLongRangeIsKeptExactlyInData() {
            Frame.Request r = request("{\"route\":\"echo\",\"id\":1,\"data\":{\"n\":123456789012345678901234567890}}");

            assertEquals("{\"n\":123456789012345678901234567890}", r.data().toString());
        }

        @Test
        void dataNestedWellWithinMaxDepthIsAccepted() {
            String nested = "[".repeat(32) + "]".repeat(32);

            assertEquals(nested, request("{\"route\":\"a\",\"data\":" + nested + "}").data().toString());
        }
    }

    @Nested
    class BadFrames {

        @Test
        void invalidJsonIsRefusedWithoutUsableId() {
            BadFrameException e = refused("{\"route\":\"a\",\"id\":1");

            assertTrue(e.getMessage().startsWith("invalid JSON: "), e.getMessage());
            assertNull(e.usableId());
        }

        @Test
        void anEmptyFrameIsRefused() {
            BadFrameException e = refused("");

            assertEquals("empty frame: expected a JSON object", e.getMessage());
            assertNull(e.usableId());
        }

        @Test
        void aBlankFrameIsRefused() {
            assertEquals("empty frame: expected a JSON object", refused(" \n\t ").getMessage());
        }

        @Test
        void aNullTextIsRefusedAsEmpty() {
            assertEquals("empty frame: expected a JSON object", refused(null).getMessage());
        }

        @ParameterizedTest(name = "{0} is a {1}")
        @CsvSource(delimiter = '|', value = {
                "[1,2]      | array",
                "\"route\"  | string",
                "42         | number",
                "null       | null",
                "true       | boolean",
                "false      | boolean"})
        void aJsonValueThatIsNotAnObjectIsRefusedNamingItsKind(String text, String kind) {
            BadFrameException e = refused(text);

            assertEquals("a frame must be a JSON object, not " + kind, e.getMessage());
            assertNull(e.usableId());
        }

        @Test
        void aFrameWithNeitherRouteNorReIsRefusedWithItsUsableId() {
            BadFrameException e = refused("{\"id\":3,\"data\":1}");

            assertEquals("a request needs a \"route\" (or \"re\" for a reply)", e.getMessage());
            assertEquals(MessageId.of(3), e.usableId());
        }

        @Test
        void anEmptyObjectIsRefusedWithoutUsableId() {
            BadFrameException e = refused("{}");

            assertEquals("a request needs a \"route\" (or \"re\" for a reply)", e.getMessage());
            assertNull(e.usableId());
        }

        @Test
        void aRouteOfWrongTypeWithAnIntegerIdCarriesThatId() {
            BadFrameException e = refused("{\"route\":5,\"id\":11}");

            assertEquals("\"route\" must be a string", e.getMessage());
            assertEquals(MessageId.of(11), e.usableId());
        }

        @Test
        void aRouteOfWrongTypeWithAStringIdCarriesThatId() {
            assertEquals(MessageId.of("abc"), refused("{\"route\":[\"a\"],\"id\":\"abc\"}").usableId());
        }

        @Test
        void aRouteOfWrongTypeWithoutIdHasNoUsableId() {
            BadFrameException e = refused("{\"route\":null}");

            assertEquals("\"route\" must be a string", e.getMessage());
            assertNull(e.usableId());
        }

        @ParameterizedTest(name = "id {0}")
        @CsvSource(delimiter = '|', value = {
                "true                 | \"id\" must be an integer or a string, not boolean",
                "{\"n\":1}            | \"id\" must be an integer or a string, not object",
                "[1]                  | \"id\" must be an integer or a string, not array",
                "null                 | \"id\" must be an integer or a string, not null",
                "1.5                  | \"id\" must be an integer or a string",
                "-1                   | \"id\" must be between 0 and 2^53-1",
                "9007199254740992     | \"id\" must be between 0 and 2^53-1",
                "\"\"                 | \"id\" must have 1 to 64 characters"})
        void anIdOfWrongTypeOrRangeIsRefusedWithoutUsableId(String id, String message) {
            // The route is of the wrong type too: even then the unusable id must not be answered.
            BadFrameException e = refused("{\"route\":5,\"id\":" + id + "}");

            assertEquals(message, e.getMessage());
            assertNull(e.usableId());
        }

        @Test
        void aStringIdOf65CharactersIsRefusedWithoutUsableId() {
            BadFrameException e = refused("{\"route\":\"a\",\"id\":\"" + "k".repeat(65) + "\"}");

            assertEquals("\"id\" must have 1 to 64 characters", e.getMessage());
            assertNull(e.usableId());
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "{\"route\":\"a\",\"route\":\"b\"}",
                "{\"route\":\"a\",\"id\":1,\"id\":2}",
                "{\"route\":\"a\",\"id\":1,\"data\":{\"x\":1,\"x\":2}}"})
        void duplicateKeysAnywhereAreRefusedWithoutUsableId(String text) {
            BadFrameException e = refused(text);

            assertTrue(e.getMessage().startsWith("invalid JSON: "), e.getMessage());
            assertTrue(e.getMessage().contains("Duplicate key"), e.getMessage());
            assertNull(e.usableId());
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "{\"route\":\"a\",\"id\":1} x",
                "{\"route\":\"a\",\"id\":1}]",
                "{\"route\":\"a\",\"id\":1}{\"route\":\"b\",\"id\":2}",
                "{\"route\":\"a\",\"id\":1} null"})
        void textAfterTheFrameObjectIsRefusedWithoutUsableId(String text) {
            BadFrameException e = refused(text);

            assertTrue(e.getMessage().startsWith("invalid JSON: "), e.getMessage());
            assertNull(e.usableId());
        }

        @Test
        void whitespaceAroundTheFrameObjectIsAllowed() {
            assertEquals("a", request(" \n{\"route\":\"a\"}\r\n\t ").route());
        }

        @Test
        void arraysNestedTenThousandDeepInDataAreRefusedWithoutStackOverflow() {
            String nested = "[".repeat(10_000) + "]".repeat(10_000);

            BadFrameException e = refused("{\"route\":\"a\",\"id\":1,\"data\":" + nested + "}");

            assertTrue(e.getMessage().startsWith("invalid JSON: "), e.getMessage());
            assertNull(e.usableId());
        }

        @Test
        void objectsNestedTenThousandDeepAreRefusedWithoutStackOverflow() {
            String nested = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);

            assertTrue(refused("{\"route\":\"a\",\"data\":" + nested + "}").getMessage().startsWith("invalid JSON: "));
        }

        @Test
        void aFrameOneLevelDeeperThanMaxDepthIsRefused() {
            // The frame object is level 1, so 64 arrays inside data make 65 levels.
            String nested = "[".repeat(64) + "]".repeat(64);

            refused("{\"route\":\"a\",\"data\":" + nested + "}");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "{\"re\":3,\"error\":\"x\"}                    | \"error\" must be an object",
                "{\"re\":3,\"error\":{\"message\":\"m\"}}      | \"error.code\" must be a string",
                "{\"re\":3,\"error\":{\"code\":5}}             | \"error.code\" must be a string",
                "{\"re\":true}                                 | \"re\" must be an integer or a string, not boolean",
                "{\"re\":-1,\"data\":1}                        | \"re\" must be between 0 and 2^53-1"})
        void aMalformedAnswerCarriesNoUsableId(String text, String message) {
            BadFrameException e = refused(text);

            assertEquals(message, e.getMessage());
            assertNull(e.usableId());
        }
    }
}
