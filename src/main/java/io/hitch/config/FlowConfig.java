package io.hitch.config;

import java.util.Optional;
import java.util.function.Function;

/**
 * Rate limits, outbound queues and liveness. Keys and defaults are listed in README.md.
 *
 * @param ratePerSecond     requests and notifications one connection may send per second, sustained
 * @param rateBurst         how many it may send at once above the sustained rate
 * @param rateStrikes       rate-limited frames within 10 s after which the connection is closed (1008)
 * @param outboundMaxBytes  bytes that may wait to be sent to one peer; more closes it as a slow consumer
 * @param pingIntervalMs    how often the server pings every connection; 0 = never
 * @param pingTimeoutMs     a connection that has not answered a ping for this long is closed
 */
public record FlowConfig(int ratePerSecond, int rateBurst, int rateStrikes, long outboundMaxBytes,
                         long pingIntervalMs, long pingTimeoutMs) {

    /** @return the settings with every key at its default */
    public static FlowConfig defaults() {
        return from(key -> Optional.empty());
    }

    /**
     * @param source looks up a key's raw value
     * @return the validated settings
     * @throws ConfigException naming every key with a bad value
     */
    public static FlowConfig from(Function<String, Optional<String>> source) {
        ConfigReader reader = new ConfigReader(source);
        FlowConfig config = new FlowConfig(
                (int) reader.number("hitch.rate-limit.per-second", 200, 1, 1_000_000),
                (int) reader.number("hitch.rate-limit.burst", 400, 1, 10_000_000),
                (int) reader.number("hitch.rate-limit.strikes", 100, 1, 1_000_000),
                reader.number("hitch.outbound-max-bytes", 8L * 1024 * 1024, 1_024, 1L << 31),
                reader.number("hitch.ping-interval-ms", 30_000, 0, 3_600_000),
                reader.number("hitch.ping-timeout-ms", 10_000, 100, 3_600_000));
        reader.check();
        return config;
    }
}
