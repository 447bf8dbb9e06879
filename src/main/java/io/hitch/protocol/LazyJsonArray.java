package io.hitch.protocol;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.AbstractList;
import java.util.List;

/**
 * A JSON array of a frame that builds its tree (Parsson's) when first asked for its content; see
 * {@link LazyJsonObject}. Immutable and thread-safe.
 */
final class LazyJsonArray extends AbstractList<JsonValue> implements JsonArray {

    private final JsonTrees trees;
    private final String json;
    private volatile JsonArray tree;

    LazyJsonArray(JsonTrees trees, String json) {
        this.trees = trees;
        this.json = json;
    }

    private JsonArray tree() {
        JsonArray built = tree;
        if (built == null) {
            built = trees.read(json).asJsonArray();
            tree = built;
        }
        return built;
    }

    @Override
    public ValueType getValueType() {
        return ValueType.ARRAY;
    }

    @Override
    public JsonValue get(int index) {
        return tree().get(index);
    }

    @Override
    public int size() {
        return tree().size();
    }

    @Override
    public JsonObject getJsonObject(int index) {
        return tree().getJsonObject(index);
    }

    @Override
    public JsonArray getJsonArray(int index) {
        return tree().getJsonArray(index);
    }

    @Override
    public JsonNumber getJsonNumber(int index) {
        return tree().getJsonNumber(index);
    }

    @Override
    public JsonString getJsonString(int index) {
        return tree().getJsonString(index);
    }

    @Override
    public <T extends JsonValue> List<T> getValuesAs(Class<T> clazz) {
        return tree().getValuesAs(clazz);
    }

    @Override
    public String getString(int index) {
        return tree().getString(index);
    }

    @Override
    public String getString(int index, String defaultValue) {
        return tree().getString(index, defaultValue);
    }

    @Override
    public int getInt(int index) {
        return tree().getInt(index);
    }

    @Override
    public int getInt(int index, int defaultValue) {
        return tree().getInt(index, defaultValue);
    }

    @Override
    public boolean getBoolean(int index) {
        return tree().getBoolean(index);
    }

    @Override
    public boolean getBoolean(int index, boolean defaultValue) {
        return tree().getBoolean(index, defaultValue);
    }

    @Override
    public boolean isNull(int index) {
        return tree().isNull(index);
    }

    @Override
    public String toString() {
        return tree().toString();
    }
}
