package io.hitch.protocol;

import jakarta.json.Json;
import jakarta.json.JsonConfig;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.math.BigInteger;
import java.util.Map;

/**
 * Turns the text of one WebSocket frame into a {@link Frame}, or throws {@link BadFrameException}
 * saying what is wrong. Thread-safe; create one and share it.
 */
public final class FrameDecoder {

    private static final BigInteger MAX_ID = BigInteger.valueOf(MessageId.MAX_INTEGER);

    private final JsonParserFactory parsers;

    /** @param maxDepth the deepest nesting of arrays and objects accepted in a frame */
    public FrameDecoder(int maxDepth) {
        // Duplicate keys are refused: {"route":"a","route":"b"} must not mean different things to
        // different parsers between the client and the server.
        this.parsers = Json.createParserFactory(Map.of(
                JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE,
                "org.eclipse.parsson.rejectDuplicateKeys", Boolean.TRUE,
                "org.eclipse.parsson.maxDepth", maxDepth));
    }

    /**
     * @param text the frame's text
     * @return the frame
     * @throws BadFrameException if the text is not a valid hitch/1 frame
     */
    public Frame decode(String text) {
        JsonObject object = parseObject(text);
        if (object.containsKey("re")) {
            return decodeAnswer(object);
        }
        MessageId id = object.containsKey("id") ? id(object.get("id"), "id") : null;
        JsonValue route = object.get("route");
        if (route == null) {
            throw new BadFrameException("a request needs a \"route\" (or \"re\" for a reply)", id);
        }
        if (route.getValueType() != JsonValue.ValueType.STRING) {
            throw new BadFrameException("\"route\" must be a string", id);
        }
        return new Frame.Request(((JsonString) route).getString(), id, data(object));
    }

    private JsonObject parseObject(String text) {
        if (text == null || text.isBlank()) {
            throw new BadFrameException("empty frame: expected a JSON object", null);
        }
        JsonValue value;
        try (JsonParser parser = parsers.createParser(new StringReader(text))) {
            parser.next();
            value = parser.getValue();
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

    private Frame decodeAnswer(JsonObject object) {
        // A malformed answer is never answered with an error reply: its id belongs to the other
        // side's id space, so a reply to it could match an unrelated request of the sender.
        MessageId re = id(object.get("re"), "re");
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

    private static MessageId id(JsonValue value, String member) {
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
