package io.hitch.config;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Hitch's settings, read once from MicroProfile Config ({@code META-INF/microprofile-config.properties},
 * environment variables, system properties) and validated. Every key, default and range is listed in
 * README.md.
 *
 * @param maxFrameBytes    largest inbound frame; larger ones close the connection with 1009
 * @param maxInFlight      unanswered requests one connection may have; more answer {@code overloaded}
 * @param maxDepth         deepest nesting of arrays and objects in a frame
 * @param idleTimeoutMs    a connection with no traffic for this long is closed; 0 means never
 * @param requestTimeoutMs the request timeout the welcome advises clients to use
 * @param heartbeatMs      how often the welcome asks idle clients to send {@code hitch.ping}; 0 = never
 * @param outboundMaxFrames frames that may wait to be sent to one peer; a peer that falls further
 *                          behind is closed as a slow consumer
 * @param relayRoutes      routes clients may call on each other through {@code hitch.relay}: exact
 *                         names, or {@code prefix.*} for every route under a prefix
 */
public record HitchConfig(int maxFrameBytes, int maxInFlight, int maxDepth, long idleTimeoutMs,
                          long requestTimeoutMs, long heartbeatMs, int outboundMaxFrames,
                          List<String> relayRoutes) {

    public HitchConfig {
        relayRoutes = List.copyOf(relayRoutes);
    }

    /**
     * @param route a route name
     * @return whether {@code hitch.relay-routes} lets clients relay calls to it
     */
    public boolean relayAllows(String route) {
        for (String allowed : relayRoutes) {
            if (allowed.endsWith(".*") ? route.startsWith(allowed.substring(0, allowed.length() - 1))
                    : route.equals(allowed)) {
                return true;
            }
        }
        return false;
    }

    /** The settings with every key at its default. */
    public static HitchConfig defaults() {
        return from(key -> Optional.empty());
    }

    /**
     * @param source looks up a key's raw value
     * @return the validated settings
     * @throws ConfigException naming every key with a bad value, its value, and what is expected
     */
    public static HitchConfig from(Function<String, Optional<String>> source) {
        ConfigReader reader = new ConfigReader(source);
        HitchConfig config = new HitchConfig(
                (int) reader.number("hitch.max-frame-bytes", 65_536, 256, 16 * 1024 * 1024),
                (int) reader.number("hitch.max-in-flight", 64, 1, 100_000),
                (int) reader.number("hitch.max-depth", 64, 2, 1_000),
                reader.number("hitch.idle-timeout-ms", 300_000, 0, 86_400_000),
                reader.number("hitch.request-timeout-ms", 30_000, 100, 3_600_000),
                reader.number("hitch.heartbeat-ms", 25_000, 0, 3_600_000),
                (int) reader.number("hitch.outbound-max-frames", 1_024, 1, 1_000_000),
                reader.routes("hitch.relay-routes"));
        reader.check();
        return config;
    }
}
