package io.hitch.protocol;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;

/**
 * A JSON object of a frame that builds its tree (Parsson's, so exactly what reading the frame
 * with Parsson gives) when first asked for its content. Its type needs no tree, so data that a
 * route echoes unchanged, or that is bound from its text, never builds one. Immutable and
 * thread-safe: two threads may both build the tree, and either result is the same.
 */
final class LazyJsonObject extends AbstractMap<String, JsonValue> implements JsonObject {

    private final JsonTrees trees;
    private final String json;
    private volatile JsonObject tree;

    LazyJsonObject(JsonTrees trees, String json) {
        this.trees = trees;
        this.json = json;
    }

    private JsonObject tree() {
        JsonObject built = tree;
        if (built == null) {
            built = trees.read(json).asJsonObject();
            tree = built;
        }
        return built;
    }

    @Override
    public ValueType getValueType() {
        return ValueType.OBJECT;
    }

    @Override
    public Set<Map.Entry<String, JsonValue>> entrySet() {
        return tree().entrySet();
    }

    @Override
    public JsonValue get(Object key) {
        return tree().get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return tree().containsKey(key);
    }

    @Override
    public int size() {
        return tree().size();
    }

    @Override
    public JsonArray getJsonArray(String name) {
        return tree().getJsonArray(name);
    }

    @Override
    public JsonObject getJsonObject(String name) {
        return tree().getJsonObject(name);
    }

    @Override
    public JsonNumber getJsonNumber(String name) {
        return tree().getJsonNumber(name);
    }

    @Override
    public JsonString getJsonString(String name) {
        return tree().getJsonString(name);
    }

    @Override
    public String getString(String name) {
        return tree().getString(name);
    }

    @Override
    public String getString(String name, String defaultValue) {
        return tree().getString(name, defaultValue);
    }

    @Override
    public int getInt(String name) {
        return tree().getInt(name);
    }

    @Override
    public int getInt(String name, int defaultValue) {
        return tree().getInt(name, defaultValue);
    }

    @Override
    public boolean getBoolean(String name) {
        return tree().getBoolean(name);
    }

    @Override
    public boolean getBoolean(String name, boolean defaultValue) {
        return tree().getBoolean(name, defaultValue);
    }

    @Override
    public boolean isNull(String name) {
        return tree().isNull(name);
    }

    @Override
    public String toString() {
        return tree().toString();
    }
}
