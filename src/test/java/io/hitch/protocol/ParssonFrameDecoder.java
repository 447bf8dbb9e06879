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
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The frame decoder as it was before {@link FrameDecoder} got its own scanner: Parsson's streaming
 * parser with duplicate keys refused and the same depth limit. The differential test and the
 * decode benchmark hold the new decoder against it. Thread-safe.
 */
final class ParssonFrameDecoder {

    private static final BigInteger MAX_ID = BigInteger.valueOf(MessageId.MAX_INTEGER);

    private final JsonParserFactory parsers;

    /** @param maxDepth the deepest nesting of arrays and objects accepted in a frame */
    ParssonFrameDecoder(int maxDepth) {
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
    Frame decode(String text) {
        Members members = parse(text);
        if (members.re != null) {
            return decodeAnswer(members);
        }
        MessageId id = members.id == null ? null : id(members.id, "id", members.idLiteral);
        if (members.route == null) {
            throw new BadFrameException("a request needs a \"route\" (or \"re\" for a reply)", id);
        }
        if (members.route.getValueType() != JsonValue.ValueType.STRING) {
            throw new BadFrameException("\"route\" must be a string", id);
        }
        return new Frame.Request(((JsonString) members.route).getString(), id, data(members), members.dataText);
    }

    /** The top-level members hitch/1 reads; other members are parsed (to check them) and dropped. */
    private static final class Members {
        JsonValue route;
        JsonValue id;
        JsonValue re;
        JsonValue error;
        JsonValue data;
        // How the numbers of "id" and "re" were spelled: a JsonNumber no longer shows it.
        String idLiteral;
        String reLiteral;
        // The text of "data" as it appears in the frame, to bind or echo without writing it again.
        String dataText;
        Set<String> others;

        // False if the key was seen before.
        boolean firstTime(String key) {
            return switch (key) {
                case "route" -> route == null;
                case "id" -> id == null;
                case "re" -> re == null;
                case "error" -> error == null;
                case "data" -> data == null;
                default -> {
                    if (others == null) {
                        others = new HashSet<>(4);
                    }
                    yield others.add(key);
                }
            };
        }
    }

    // Streams through the top-level object: only the members' values are built, not the object.
    private Members parse(String text) {
        if (text == null || text.isBlank()) {
            throw new BadFrameException("empty frame: expected a JSON object", null);
        }
        Members members = new Members();
        try (JsonParser parser = parsers.createParser(new StringReader(text))) {
            if (parser.next() != JsonParser.Event.START_OBJECT) {
                JsonValue value = parser.getValue();
                if (parser.hasNext()) {
                    throw new BadFrameException("invalid JSON: text after the end of the frame's object", null);
                }
                throw new BadFrameException("a frame must be a JSON object, not " + kind(value), null);
            }
            while (parser.next() == JsonParser.Event.KEY_NAME) {
                String key = parser.getString();
                if (!members.firstTime(key)) {
                    throw new BadFrameException("invalid JSON: Duplicate key '" + firstLine(key)
                            + "' is not allowed", null);
                }
                long afterKey = parser.getLocation().getStreamOffset();
                JsonParser.Event event = parser.next();
                switch (key) {
                    case "route" -> members.route = parser.getValue();
                    case "id" -> {
                        members.idLiteral = event == JsonParser.Event.VALUE_NUMBER ? parser.getString() : null;
                        members.id = parser.getValue();
                    }
                    case "re" -> {
                        members.reLiteral = event == JsonParser.Event.VALUE_NUMBER ? parser.getString() : null;
                        members.re = parser.getValue();
                    }
                    case "error" -> members.error = parser.getValue();
                    case "data" -> {
                        members.data = parser.getValue();
                        members.dataText = RawValue.slice(text, afterKey, parser.getLocation().getStreamOffset(), event);
                    }
                    default -> parser.getValue();
                }
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
        return members;
    }

    private Frame decodeAnswer(Members members) {
        // A malformed answer is never answered with an error reply: its id belongs to the other
        // side's id space, so a reply to it could match an unrelated request of the sender.
        MessageId re = id(members.re, "re", members.reLiteral);
        JsonValue error = members.error;
        if (error == null) {
            return new Frame.Reply(re, data(members));
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
                if (!digitsOnly(literal)) {
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

    // 0, or digits without a leading zero: no sign, fraction or exponent (7e0 and -0 are not ids).
    private static boolean digitsOnly(String literal) {
        if (literal == null || literal.isEmpty() || (literal.charAt(0) == '0' && literal.length() > 1)) {
            return false;
        }
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static JsonValue data(Members members) {
        return members.data == null ? JsonValue.NULL : members.data;
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
