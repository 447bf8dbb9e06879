package io.hitch.protocol;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonConfig;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the text of one WebSocket frame into a {@link Frame}, or throws {@link BadFrameException}
 * saying what is wrong. Thread-safe; create one and share it.
 */
public final class FrameDecoder {

    private static final BigInteger MAX_ID = BigInteger.valueOf(MessageId.MAX_INTEGER);

    // hitch/1 integer ids are digits only: no sign, fraction or exponent (7e0 and -0 are not ids).
    private static final Pattern INTEGER_ID = Pattern.compile("0|[1-9][0-9]*");

    private final JsonParserFactory parsers;
    private final JsonBuilderFactory builders = Json.createBuilderFactory(Map.of());

    /** @param maxDepth the deepest nesting of arrays and objects accepted in a frame */
    public FrameDecoder(int maxDepth) {
        // Duplicate keys are refused: {"route":"a","route":"b"} must not mean different things to
        // different parsers between the client and the server.
        this.parsers = Json.createParserFactory(Map.of(
                JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE,
                "org.eclipse.parsson.rejectDuplicateKeys", Boolean.TRUE,
                // Parsson refuses a document that reaches its limit: one more accepts maxDepth levels.
                "org.eclipse.parsson.maxDepth", maxDepth + 1));
    }

    /**
     * @param text the frame's text
     * @return the frame
     * @throws BadFrameException if the text is not a valid hitch/1 frame
     */
    public Frame decode(String text) {
        Map<String, String> literals = new HashMap<>(2);
        JsonObject object = parseObject(text, literals);
        if (object.containsKey("re")) {
            return decodeAnswer(object, literals.get("re"));
        }
        MessageId id = object.containsKey("id") ? id(object.get("id"), "id", literals.get("id")) : null;
        JsonValue route = object.get("route");
        if (route == null) {
            throw new BadFrameException("a request needs a \"route\" (or \"re\" for a reply)", id);
        }
        if (route.getValueType() != JsonValue.ValueType.STRING) {
            throw new BadFrameException("\"route\" must be a string", id);
        }
        return new Frame.Request(((JsonString) route).getString(), id, data(object));
    }

    // Also collects the number literals of the top-level "id" and "re": a JsonNumber no longer
    // shows how it was spelled.
    private JsonObject parseObject(String text, Map<String, String> literals) {
        if (text == null || text.isBlank()) {
            throw new BadFrameException("empty frame: expected a JSON object", null);
        }
        JsonValue value;
        try (JsonParser parser = parsers.createParser(new StringReader(text))) {
            if (parser.next() == JsonParser.Event.START_OBJECT) {
                JsonObjectBuilder object = builders.createObjectBuilder();
                Set<String> keys = new HashSet<>();
                while (parser.next() == JsonParser.Event.KEY_NAME) {
                    String key = parser.getString();
                    if (!keys.add(key)) {
                        throw new BadFrameException("invalid JSON: Duplicate key '" + firstLine(key)
                                + "' is not allowed", null);
                    }
                    if (parser.next() == JsonParser.Event.VALUE_NUMBER && (key.equals("id") || key.equals("re"))) {
                        literals.put(key, parser.getString());
                    }
                    object.add(key, parser.getValue());
                }
                value = object.build();
            } else {
                value = parser.getValue();
            }
            if (parser.hasNext()) {
                throw new BadFrameException("invalid JSON: text after the end of the frame's object", null);
            }
        } catch (BadFrameException e) {
            throw e;
        } catch (RuntimeException e) {
            // JsonException for syntax; Parsson's limits (depth, number size) throw plain
            // RuntimeExceptions. Parser messages name the position, never anything of ours.
            throw new BadFrameException("invalid JSON: " + firstLine(e.getMessage()), null);
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new BadFrameException("a frame must be a JSON object, not " + kind(value), null);
        }
        return value.asJsonObject();
    }

    private Frame decodeAnswer(JsonObject object, String reLiteral) {
        // A malformed answer is never answered with an error reply: its id belongs to the other
        // side's id space, so a reply to it could match an unrelated request of the sender.
        MessageId re = id(object.get("re"), "re", reLiteral);
        JsonValue error = object.get("error");
        if (error == null) {
            return new Frame.Reply(re, data(object));
        }
        if (error.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new BadFrameException("\"error\" must be an object", null);
        }
        JsonObject body = error.asJsonObject();
        JsonValue code = body.get("code");
        if (code == null || code.getValueType() != JsonValue.ValueType.STRING) {
            throw new BadFrameException("\"error.code\" must be a string", null);
        }
        JsonValue message = body.get("message");
        String text = message instanceof JsonString s ? s.getString() : "";
        return new Frame.ErrorReply(re, new Frame.ErrorBody(((JsonString) code).getString(), text,
                body.get("details")));
    }

    private static MessageId id(JsonValue value, String member, String literal) {
        switch (value.getValueType()) {
            case NUMBER -> {
                JsonNumber number = (JsonNumber) value;
                if (!number.isIntegral()) {
                    throw new BadFrameException("\"" + member + "\" must be an integer or a string", null);
                }
                BigInteger n = number.bigIntegerValueExact();
                if (n.signum() < 0 || n.compareTo(MAX_ID) > 0) {
                    throw new BadFrameException("\"" + member + "\" must be between 0 and 2^53-1", null);
                }
                if (literal == null || !INTEGER_ID.matcher(literal).matches()) {
                    throw new BadFrameException("\"" + member + "\" must be written with digits only", null);
                }
                return MessageId.of(n.longValueExact());
            }
            case STRING -> {
                String s = ((JsonString) value).getString();
                if (s.isEmpty() || s.length() > MessageId.MAX_STRING_LENGTH) {
                    throw new BadFrameException("\"" + member + "\" must have 1 to 64 characters", null);
                }
                return MessageId.of(s);
            }
            default -> throw new BadFrameException(
                    "\"" + member + "\" must be an integer or a string, not " + kind(value), null);
        }
    }

    private static JsonValue data(JsonObject object) {
        JsonValue data = object.get("data");
        return data == null ? JsonValue.NULL : data;
    }

    private static String kind(JsonValue value) {
        return value.getValueType().name().toLowerCase(java.util.Locale.ROOT).replace("true", "boolean")
                .replace("false", "boolean");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        String line = message.lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
