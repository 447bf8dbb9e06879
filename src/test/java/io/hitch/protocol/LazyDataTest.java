package io.hitch.protocol;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

class LazyDataTest {

    private final FrameDecoder decoder = new FrameDecoder(64);

    private JsonValue data(String json) {
        return ((Frame.Request) decoder.decode("{\"route\":\"echo\",\"id\":1,\"data\":" + json + "}")).data();
    }

    private static JsonValue parsson(String json) {
        return Json.createReader(new StringReader(json)).readValue();
    }

    @Test
    void objectDataIsAnObjectBeforeItsTreeIsBuilt() {
        JsonValue data = data("{\"a\":1}");

        assertInstanceOf(LazyJsonObject.class, data);
        assertEquals(JsonValue.ValueType.OBJECT, data.getValueType());
    }

    @Test
    void objectDataEqualsTheTreeParssonBuildsBothWays() {
        String json = "{\"name\":\"widget-42\",\"price\":19.990,\"big\":1e400,\"tags\":[\"red\",{\"x\":null}],\"s\":\"\\u00e9\"}";

        assertEquals(parsson(json), data(json));
        assertEquals(data(json), parsson(json));
        assertEquals(parsson(json).hashCode(), data(json).hashCode());
        assertEquals(parsson(json).toString(), data(json).toString());
    }

    @Test
    void objectDataAnswersTheJsonObjectGetters() {
        JsonObject data = data("{\"n\":7,\"s\":\"x\",\"b\":true,\"z\":null,\"a\":[1],\"o\":{}}").asJsonObject();

        assertEquals(7, data.getInt("n"));
        assertEquals("x", data.getString("s"));
        assertEquals(true, data.getBoolean("b"));
        assertEquals(true, data.isNull("z"));
        assertEquals(1, data.getJsonArray("a").getInt(0));
        assertEquals(0, data.getJsonObject("o").size());
        assertEquals(6, data.size());
    }

    @Test
    void arrayDataIsAnArrayEqualToParssonsTree() {
        String json = "[1,-0,2.50,\"a\",[true,false],{\"k\":[]}]";
        JsonValue data = data(json);

        assertInstanceOf(LazyJsonArray.class, data);
        assertEquals(parsson(json), data);
        assertEquals(data, parsson(json));
        assertEquals("[1,0,2.50,\"a\",[true,false],{\"k\":[]}]", data.toString());
        assertEquals(2, data.asJsonArray().getJsonArray(4).size());
    }

    @Test
    void jsonbWritesLazyDataInsideOtherValuesAsItWritesParssonsTree() throws Exception {
        String json = "{\"b\":[1,2.50,{\"c\":null}],\"a\":\"x\"}";

        try (Jsonb jsonb = JsonbBuilder.create()) {
            assertEquals(jsonb.toJson(List.of(parsson(json))), jsonb.toJson(List.of(data(json))));
            assertEquals("[{\"b\":[1,2.50,{\"c\":null}],\"a\":\"x\"}]", jsonb.toJson(List.of(data(json))));
        }
    }

    @Test
    void aStringIsBuiltAtOnceWithItsEscapesResolved() {
        assertEquals("a\"\n\u00e9", ((JsonString) data("\"a\\\"\\n\\u00e9\"")).getString());
    }

    @Test
    void aNumberKeepsItsExactValue() {
        assertEquals(new BigDecimal("12345678901234567890.12345678901234567890"),
                ((JsonNumber) data("12345678901234567890.12345678901234567890")).bigDecimalValue());
    }

    @Test
    void literalsAreJsonpsConstants() {
        assertSame(JsonValue.TRUE, data("true"));
        assertSame(JsonValue.FALSE, data("false"));
        assertSame(JsonValue.NULL, data("null"));
    }
}
