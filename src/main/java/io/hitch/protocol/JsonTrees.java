package io.hitch.protocol;

import jakarta.json.JsonConfig;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;

import java.io.StringReader;
import java.util.Map;

/**
 * Builds the {@link JsonValue}s of a frame's members from their text, which {@link JsonScanner}
 * has already checked. The provider and parser factory are made once: looking a provider up per
 * message is what made an early prototype 1.7 times slower. Thread-safe.
 */
final class JsonTrees {

    private final JsonProvider provider;
    private final JsonParserFactory parsers;

    /** @param maxDepth the deepest nesting accepted, as for the frame */
    JsonTrees(int maxDepth) {
        this.provider = JsonProvider.provider();
        // The same settings the frame was checked with, so that a tree built later cannot differ
        // from one built while reading the frame.
        this.parsers = provider.createParserFactory(Map.of(
                JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE,
                "org.eclipse.parsson.rejectDuplicateKeys", Boolean.TRUE,
                // Parsson refuses a document that reaches its limit: one more accepts maxDepth levels.
                "org.eclipse.parsson.maxDepth", maxDepth + 1));
    }

    /**
     * @param json checked JSON text of one value
     * @return its tree, built now
     */
    JsonValue read(String json) {
        try (JsonParser parser = parsers.createParser(new StringReader(json))) {
            parser.next();
            return parser.getValue();
        }
    }

    /**
     * @param json checked JSON text of one value, without surrounding whitespace
     * @return the value: scalars are built now (they are cheap), an object or array builds its
     *         tree on first use, so data that is only echoed or bound from its text never builds one
     */
    JsonValue lazy(String json) {
        return switch (json.charAt(0)) {
            case '{' -> new LazyJsonObject(this, json);
            case '[' -> new LazyJsonArray(this, json);
            case '"' -> provider.createValue(JsonText.unescape(json, 1, json.length() - 1));
            case 't' -> JsonValue.TRUE;
            case 'f' -> JsonValue.FALSE;
            case 'n' -> JsonValue.NULL;
            default -> NumberLiteral.value(provider, json, 0, json.length());
        };
    }
}
