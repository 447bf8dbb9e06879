package io.hitch.config;

import java.util.Optional;
import java.util.function.Function;

/**
 * Missed-message recovery: how long a client may come back and resume, and how many pushes are kept
 * for it. Keys and defaults are listed in README.md.
 *
 * @param windowMs       how long after a disconnect a client may resume, and the longest a push is
 *                       kept for recovery; 0 turns recovery off (no resume token, no sequence numbers)
 * @param groupMaxPushes pushes kept per group, and for broadcasts to everyone
 * @param peerMaxPushes  pushes kept per peer (pushes to that one peer)
 */
public record RecoveryConfig(long windowMs, int groupMaxPushes, int peerMaxPushes) {

    /** @return whether clients get resume tokens and pushes are kept for them */
    public boolean enabled() {
        return windowMs > 0;
    }

    /** @return the settings with every key at its default */
    public static RecoveryConfig defaults() {
        return from(key -> Optional.empty());
    }

    /** @return recovery turned off, as if {@code hitch.recovery.window-ms=0} */
    public static RecoveryConfig off() {
        return new RecoveryConfig(0, 1, 1);
    }

    /**
     * @param source looks up a key's raw value
     * @return the validated settings
     * @throws ConfigException naming every key with a bad value
     */
    public static RecoveryConfig from(Function<String, Optional<String>> source) {
        ConfigReader reader = new ConfigReader(source);
        RecoveryConfig config = new RecoveryConfig(
                reader.number("hitch.recovery.window-ms", 120_000, 0, 86_400_000),
                (int) reader.number("hitch.recovery.group-max-pushes", 1_000, 1, 1_000_000),
                (int) reader.number("hitch.recovery.peer-max-pushes", 100, 1, 1_000_000));
        reader.check();
        return config;
    }
}
