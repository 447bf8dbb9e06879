package io.hitch.peers;

import java.security.SecureRandom;
import java.util.Base64;

/** New peer ids: 128 random bits, URL-safe, unguessable, so a peer id can be shown to other clients. */
final class PeerIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private PeerIds() {
    }

    static String next() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
