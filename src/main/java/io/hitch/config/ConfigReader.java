package io.hitch.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Reads and checks raw configuration values, collecting every problem before failing. */
final class ConfigReader {

    private static final Pattern RELAY_ROUTE = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*(\\.\\*)?");
    private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?");

    private final Function<String, Optional<String>> source;
    private final List<String> problems = new ArrayList<>();

    ConfigReader(Function<String, Optional<String>> source) {
        this.source = source;
    }

    /** @throws ConfigException naming every bad key read so far */
    void check() {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    void problem(String text) {
        problems.add(text);
    }

    long number(String key, long defaultValue, long min, long max) {
        Optional<String> raw = raw(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            long value = Long.parseLong(raw.get().replace("_", ""));
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the range, like an out-of-range value
        }
        problems.add(key + "='" + raw.get() + "' is not valid: expected a whole number from "
                + min + " to " + max + " (default " + defaultValue + ")");
        return defaultValue;
    }

    boolean flag(String key, boolean defaultValue) {
        Optional<String> raw = raw(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        if (raw.get().equalsIgnoreCase("true") || raw.get().equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(raw.get());
        }
        problems.add(key + "='" + raw.get() + "' is not valid: expected true or false (default " + defaultValue + ")");
        return defaultValue;
    }

    String text(String key) {
        return raw(key).orElse(null);
    }

    List<String> routes(String key) {
        return items(key, RELAY_ROUTE, "route names (chat.dm) or prefixes (chat.*), outside the reserved"
                + " hitch. namespace", "hitch.");
    }

    List<String> origins(String key) {
        return items(key, ORIGIN, "origins such as https://app.example.com:8443 (scheme, host and port only)", null)
                .stream().map(o -> o.toLowerCase(java.util.Locale.ROOT)).toList();
    }

    private List<String> items(String key, Pattern pattern, String expected, String forbiddenPrefix) {
        List<String> items = new ArrayList<>();
        for (String item : raw(key).orElse("").split(",")) {
            String value = item.trim();
            if (value.isEmpty()) {
                continue;
            }
            if (!pattern.matcher(value).matches() || forbiddenPrefix != null && value.startsWith(forbiddenPrefix)) {
                problems.add(key + " holds '" + value + "': expected a comma-separated list of " + expected);
            } else {
                items.add(value);
            }
        }
        return items;
    }

    private Optional<String> raw(String key) {
        return source.apply(key).map(String::trim).filter(s -> !s.isEmpty());
    }
}
