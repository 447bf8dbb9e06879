package io.hitch.backplane;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ResumeTokensTest {

    private static final String SECRET = "a shared secret of at least thirty-two characters";

    @Test
    void aTokenNamesThePeerItWasIssuedFor() {
        ResumeTokens tokens = new ResumeTokens(SECRET);

        assertEquals(Optional.of("q3Jx0vB4S1mP8dZt2Wc9Ag"), tokens.verify(tokens.issue("q3Jx0vB4S1mP8dZt2Wc9Ag")));
    }

    @Test
    void everyNodeWithTheSameSecretAcceptsTheToken() {
        assertEquals(Optional.of("p"), new ResumeTokens(SECRET).verify(new ResumeTokens(SECRET).issue("p")));
    }

    @Test
    void aTokenForAnotherPeerOrFromAnotherKeyIsRefused() {
        ResumeTokens tokens = new ResumeTokens(SECRET);
        String genuine = tokens.issue("alice");

        assertEquals(Optional.empty(), tokens.verify("mallory" + genuine.substring(5)));
        assertEquals(Optional.empty(), new ResumeTokens(null).verify(genuine));
        assertEquals(Optional.empty(), tokens.verify("no-dot"));
        assertEquals(Optional.empty(), tokens.verify(".x"));
        assertEquals(Optional.empty(), tokens.verify(null));
    }
}
