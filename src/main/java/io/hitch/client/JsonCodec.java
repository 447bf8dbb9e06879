package io.hitch.client;

import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;

import java.io.StringReader;
import java.lang.reflect.Type;

/** Data to and from JSON text with JSON-B; {@code JsonValue} passes through untouched. */
final class JsonCodec {

    private final Jsonb jsonb;

    JsonCodec(Jsonb jsonb) {
        this.jsonb = jsonb;
    }

    /** @return {@code data} as JSON text, or null for no data; throws {@code bad_data} when it does not serialize */
    String write(String route, Object data) {
        if (data == null) {
            return null;
        }
        if (data instanceof JsonValue value) {
            return value.toString();
        }
        try {
            return jsonb.toJson(data);
        } catch (RuntimeException e) {
            // Yasson throws more than JsonbException (e.g. for a type it cannot reach).
            throw new HitchException("bad_data", "data for " + route + " does not serialize to JSON: " + e.getMessage(), null);
        }
    }

    /** @return {@code value} bound to {@code type}; throws {@code bad_data} when it does not bind */
    @SuppressWarnings("unchecked")
    <T> T read(JsonValue value, Type type, String what) {
        if (type == JsonValue.class || type == Object.class && value == null) {
            return (T) value;
        }
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (type instanceof Class<?> c && JsonValue.class.isAssignableFrom(c) && c.isInstance(value)) {
            return (T) value;
        }
        try {
            return jsonb.fromJson(value.toString(), type);
        } catch (RuntimeException e) {
            throw new HitchException("bad_data", what + " does not bind to " + type.getTypeName() + ": " + e.getMessage(), null);
        }
    }

    /** @return the JSON text parsed, or null when it is not one JSON value */
    static JsonValue parse(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
