package io.hitch.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackplaneConfigTest {

    private static BackplaneConfig read(Map<String, String> settings) {
        return BackplaneConfig.from(key -> Optional.ofNullable(settings.get(key)));
    }

    private static List<String> problems(Map<String, String> settings) {
        return assertThrows(ConfigException.class, () -> read(settings)).problems();
    }

    @Test
    void theDefaultIsTheMemoryBackplaneOfOneNode() {
        BackplaneConfig config = BackplaneConfig.defaults();

        assertFalse(config.redis());
        assertEquals(5_000, config.nodeTimeoutMs());
    }

    @Test
    void redisNeedsAUriWithAHost() {
        assertEquals(List.of("hitch.backplane=redis needs hitch.backplane.redis-uri, e.g. redis://127.0.0.1:6379"),
                problems(Map.of("hitch.backplane", "redis")));
        assertEquals(List.of("hitch.backplane.redis-uri is not a redis:// or rediss:// URI with a host"),
                problems(Map.of("hitch.backplane", "redis", "hitch.backplane.redis-uri", "http://redis:6379")));
        assertTrue(read(Map.of("hitch.backplane", "redis", "hitch.backplane.redis-uri", "rediss://:pw@redis:6380/1")).redis());
    }

    @Test
    void redisNeedsRecovery() {
        assertEquals(List.of("hitch.backplane=redis needs recovery: hitch.recovery.window-ms must be above 0"),
                problems(Map.of("hitch.backplane", "redis", "hitch.backplane.redis-uri", "redis://r:6379",
                        "hitch.recovery.window-ms", "0")));
    }

    @Test
    void anUnknownBackplaneIsNamedInTheProblem() {
        assertEquals(List.of("hitch.backplane='kafka' is not valid: expected memory or redis (default memory)"),
                problems(Map.of("hitch.backplane", "kafka")));
    }

    @Test
    void theUriWithItsPasswordNeverReachesALogLine() {
        String text = read(Map.of("hitch.backplane", "redis", "hitch.backplane.redis-uri", "redis://:secret@r:6379")).toString();

        assertFalse(text.contains("secret"), text);
    }
}
