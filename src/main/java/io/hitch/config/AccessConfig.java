package io.hitch.config;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who may connect and call: origins, authentication, tokens and connection caps. Keys and defaults
 * are listed in README.md.
 *
 * @param origins                  origins allowed besides the server's own ({@code hitch.origins})
 * @param allowNoOrigin            whether clients that send no Origin header (non-browsers) may connect
 * @param requireAuthentication    whether every application route needs an authenticated caller
 * @param tokenTtlMs               how long a connect token from {@code /hitch/token} stays valid
 * @param tokenSecret              the HMAC key of connect tokens; null makes a random one per start
 * @param maxConnectionsPerPrincipal connections one user may hold; 0 = no limit
 * @param maxConnectionsPerAddress connections one remote address may hold; 0 = no limit
 */
public record AccessConfig(List<String> origins, boolean allowNoOrigin, boolean requireAuthentication,
                           long tokenTtlMs, String tokenSecret, int maxConnectionsPerPrincipal,
                           int maxConnectionsPerAddress) {

    public AccessConfig {
        origins = List.copyOf(origins);
    }

    /** @return the settings with every key at its default */
    public static AccessConfig defaults() {
        return from(key -> Optional.empty());
    }

    /**
     * @param source looks up a key's raw value
     * @return the validated settings
     * @throws ConfigException naming every key with a bad value
     */
    public static AccessConfig from(Function<String, Optional<String>> source) {
        ConfigReader reader = new ConfigReader(source);
        String secret = reader.text("hitch.token.secret");
        AccessConfig config = new AccessConfig(
                reader.origins("hitch.origins"),
                reader.flag("hitch.allow-no-origin", true),
                reader.flag("hitch.require-authentication", false),
                reader.number("hitch.token.ttl-ms", 60_000, 1_000, 86_400_000),
                secret,
                (int) reader.number("hitch.max-connections-per-principal", 64, 0, 1_000_000),
                (int) reader.number("hitch.max-connections-per-address", 1_024, 0, 1_000_000));
        if (secret != null && secret.length() < 32) {
            reader.problem("hitch.token.secret is too short: use at least 32 characters of random text");
        }
        reader.check();
        return config;
    }

    @Override
    public String toString() {
        // The secret never reaches a log line through this record.
        return "AccessConfig[origins=" + origins + ", allowNoOrigin=" + allowNoOrigin + ", requireAuthentication="
                + requireAuthentication + ", tokenTtlMs=" + tokenTtlMs + ", tokenSecret=" + (tokenSecret == null
                ? "(random)" : "(set)") + ", maxConnectionsPerPrincipal=" + maxConnectionsPerPrincipal
                + ", maxConnectionsPerAddress=" + maxConnectionsPerAddress + "]";
    }
}
