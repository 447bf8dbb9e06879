package io.hitch.config;

import java.net.URI;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which backplane the nodes share. Keys and defaults are listed in README.md.
 *
 * @param kind          {@code memory} (one node, nothing external) or {@code redis}
 * @param redisUri      the Redis URI for {@code redis}, e.g. {@code redis://:password@redis:6379/0}
 * @param nodeTimeoutMs a node without a heartbeat for this long is dead: its peers are removed
 */
public record BackplaneConfig(String kind, String redisUri, long nodeTimeoutMs) {

    /** The backplane of a single node. */
    public static final String MEMORY = "memory";
    /** The backplane of a cluster on Redis. */
    public static final String REDIS = "redis";

    /** @return whether the nodes share Redis */
    public boolean redis() {
        return REDIS.equals(kind);
    }

    /** @return the settings with every key at its default */
    public static BackplaneConfig defaults() {
        return from(key -> Optional.empty());
    }

    /**
     * @param source looks up a key's raw value
     * @return the validated settings
     * @throws ConfigException naming every key with a bad value
     */
    public static BackplaneConfig from(Function<String, Optional<String>> source) {
        ConfigReader reader = new ConfigReader(source);
        String kind = Optional.ofNullable(reader.text("hitch.backplane")).orElse(MEMORY).trim();
        String uri = reader.text("hitch.backplane.redis-uri");
        long nodeTimeout = reader.number("hitch.backplane.node-timeout-ms", 5_000, 1_000, 600_000);
        if (!kind.equals(MEMORY) && !kind.equals(REDIS)) {
            reader.problem("hitch.backplane='" + kind + "' is not valid: expected memory or redis (default memory)");
        } else if (kind.equals(REDIS)) {
            if (uri == null) {
                reader.problem("hitch.backplane=redis needs hitch.backplane.redis-uri, e.g. redis://127.0.0.1:6379");
            } else if (!validRedisUri(uri)) {
                reader.problem("hitch.backplane.redis-uri is not a redis:// or rediss:// URI with a host");
            }
            if (RecoveryConfig.from(source).windowMs() == 0) {
                reader.problem("hitch.backplane=redis needs recovery: hitch.recovery.window-ms must be above 0");
            }
        }
        reader.check();
        return new BackplaneConfig(kind, uri, nodeTimeout);
    }

    private static boolean validRedisUri(String uri) {
        try {
            URI parsed = URI.create(uri.trim());
            return ("redis".equals(parsed.getScheme()) || "rediss".equals(parsed.getScheme())) && parsed.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        // The URI may hold a password: never in a log line through this record.
        return "BackplaneConfig[kind=" + kind + ", nodeTimeoutMs=" + nodeTimeoutMs + "]";
    }
}
