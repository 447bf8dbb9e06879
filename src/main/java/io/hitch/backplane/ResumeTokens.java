package io.hitch.backplane;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Resume tokens: the welcome gives one to every client, naming its peer id, HMAC-signed so that no
 * one else can take over that peer's groups and pushes (peer ids are shown to other clients). The
 * key is {@code hitch.token.secret}, so every node that shares it accepts the others' tokens;
 * without it, a random key per start. Tokens are never logged.
 */
public final class ResumeTokens {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final String PURPOSE = "hitch-resume:";
    private final byte[] key;

    /** @param secret the shared secret, or null for a random key */
    public ResumeTokens(String secret) {
        if (secret != null) {
            key = secret.getBytes(StandardCharsets.UTF_8);
        } else {
            key = new byte[32];
            new SecureRandom().nextBytes(key);
        }
    }

    /** @return the token for a peer */
    public String issue(String peerId) {
        return peerId + "." + sign(peerId);
    }

    /** @return the peer id a genuine token names */
    public Optional<String> verify(String token) {
        int dot = token == null ? -1 : token.lastIndexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String peerId = token.substring(0, dot);
        boolean genuine = MessageDigest.isEqual(sign(peerId).getBytes(StandardCharsets.US_ASCII),
                token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII));
        return genuine ? Optional.of(peerId) : Optional.empty();
    }

    private String sign(String peerId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return B64.encodeToString(mac.doFinal((PURPOSE + peerId).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
