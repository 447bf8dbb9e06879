package io.hitch.transport;

import io.hitch.config.AccessConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Principal;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Short-lived, single-use connect tokens, for clients that cannot send a cookie or header with the
 * WebSocket upgrade. An authenticated HTTP call to {@code /hitch/token} issues one; the client offers
 * it as the subprotocol {@code hitch.token.<token>} next to {@code hitch.v1}. Tokens are HMAC-signed
 * with {@code hitch.token.secret} (or a random key per start) and never logged.
 */
@ApplicationScoped
public class ConnectTokens {

    /** The subprotocol prefix that carries a token. */
    public static final String SUBPROTOCOL_PREFIX = "hitch.token.";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Long> used = new ConcurrentHashMap<>();
    private byte[] key;
    private long ttlMs;

    protected ConnectTokens() {
        // for CDI proxies
    }

    @Inject
    public ConnectTokens(AccessConfig access) {
        this.ttlMs = access.tokenTtlMs();
        if (access.tokenSecret() != null) {
            this.key = access.tokenSecret().getBytes(StandardCharsets.UTF_8);
        } else {
            this.key = new byte[32];
            RANDOM.nextBytes(key);
        }
    }

    /** A user admitted by a token. @param name the user name @param roles the user's roles */
    public record Grant(String name, Set<String> roles) implements Principal {
        @Override
        public String getName() {
            return name;
        }
    }

    /** @return how long a new token stays valid */
    public long ttlMs() {
        return ttlMs;
    }

    /**
     * @param user  the authenticated user
     * @param roles the user's roles that routes name
     * @return a token valid for {@link #ttlMs()}, for one connection
     */
    public String issue(String user, Set<String> roles) {
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        String payload = B64.encodeToString(user.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(String.join(",", roles).getBytes(StandardCharsets.UTF_8)) + "."
                + (System.currentTimeMillis() + ttlMs) + "." + HexFormat.of().formatHex(nonce);
        return payload + "." + sign(payload);
    }

    /**
     * @param token a token offered by a client
     * @return the grant, if the token is genuine, unexpired and unused; it is used up by this call
     */
    public Optional<Grant> redeem(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 5) {
            return Optional.empty();
        }
        String payload = String.join(".", parts[0], parts[1], parts[2], parts[3]);
        if (!MessageDigest.isEqual(sign(payload).getBytes(StandardCharsets.US_ASCII),
                parts[4].getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        long expires;
        try {
            expires = Long.parseLong(parts[2]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        long now = System.currentTimeMillis();
        used.values().removeIf(until -> until < now);
        if (expires < now || used.putIfAbsent(parts[3], expires) != null) {
            return Optional.empty();
        }
        String roles = new String(B64D.decode(parts[1]), StandardCharsets.UTF_8);
        return Optional.of(new Grant(new String(B64D.decode(parts[0]), StandardCharsets.UTF_8),
                roles.isEmpty() ? Set.of() : Set.of(roles.split(","))));
    }

    private String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return B64.encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
