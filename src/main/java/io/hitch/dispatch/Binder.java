package io.hitch.dispatch;

import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Binds request data to a route's input type and serializes reply data, with one shared JSON-B
 * instance. Numbers keep their exact value: they travel as {@code BigDecimal} text, never as doubles.
 */
public final class Binder {

    private static final Pattern PROPERTY = Pattern.compile("property '([^']{1,100})'");

    private final Jsonb jsonb;

    public Binder(Jsonb jsonb) {
        this.jsonb = jsonb;
    }

    /**
     * @param data the request data ({@link JsonValue#NULL} when absent)
     * @param type the route's input type
     * @return the bound value
     * @throws BindingException if the data does not fit the type
     */
    public Object bind(JsonValue data, Type type) {
        return bind(data, null, type);
    }

    /**
     * @param data     the request data ({@link JsonValue#NULL} when absent)
     * @param dataText the same data as JSON text, or null: JSON-B then reads it without the tree
     *                 being written out first
     * @param type     the route's input type
     * @return the bound value
     * @throws BindingException if the data does not fit the type
     */
    public Object bind(JsonValue data, String dataText, Type type) {
        Class<?> raw = RouteEntry.rawClass(type);
        if (JsonValue.class.isAssignableFrom(raw)) {
            if (!raw.isInstance(data)) {
                throw new BindingException("data must be a JSON " + jsonKind(raw), "");
            }
            return data;
        }
        if (raw == Void.class) {
            return null;
        }
        boolean isNull = data.getValueType() == JsonValue.ValueType.NULL;
        if (raw == Optional.class) {
            Type element = type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
            return isNull ? Optional.empty() : Optional.ofNullable(bind(data, dataText, element));
        }
        if (isNull) {
            if (raw == Object.class) {
                return null;
            }
            throw new BindingException("data is required", "");
        }
        try {
            return jsonb.fromJson(dataText != null ? dataText : data.toString(), type);
        } catch (JsonbException | IllegalArgumentException | ClassCastException | ArithmeticException e) {
            String path = pathOf(e);
            throw new BindingException(path.isEmpty()
                    ? "data does not fit the route's input type"
                    : "'" + path + "' has the wrong type or format", path);
        }
    }

    /**
     * @param value a reply value (null, a {@link JsonValue}, or anything JSON-B serializes)
     * @return its JSON text
     * @throws JsonbException if JSON-B cannot serialize it
     */
    public String toJson(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof JsonValue json) {
            return json.toString();
        }
        return jsonb.toJson(value);
    }

    // Yasson names each property it was inside when binding failed, outermost first.
    private static String pathOf(Throwable error) {
        List<String> path = new ArrayList<>();
        for (Throwable t = error; t != null && path.size() < 32; t = t.getCause()) {
            if (t.getMessage() != null) {
                Matcher m = PROPERTY.matcher(t.getMessage());
                while (m.find()) {
                    if (path.isEmpty() || !path.get(path.size() - 1).equals(m.group(1))) {
                        path.add(m.group(1));
                    }
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return String.join(".", path);
    }

    private static String jsonKind(Class<?> raw) {
        String name = raw.getSimpleName().replace("Json", "").toLowerCase(java.util.Locale.ROOT);
        return name.equals("value") ? "value" : name;
    }
}
