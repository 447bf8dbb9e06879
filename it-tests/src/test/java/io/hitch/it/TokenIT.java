package io.hitch.it;

import io.hitch.client.HitchClient;
import io.hitch.client.HitchException;
import io.hitch.client.HitchOptions;
import io.hitch.it.guard.Open;
import io.hitch.it.security.MemberArea;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connect tokens: an authenticated {@code POST /hitch/token} issues a short-lived, single-use token
 * that a client offers as the subprotocol {@code hitch.token.<token>} next to {@code hitch.v1}; the
 * connection then has the token's user and roles. Any token that is not genuine, fresh and unused
 * refuses the upgrade with HTTP 401.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TokenIT {

    @Deployment(name = "tokens", testable = false)
    static WebArchive app() {
        return Deployments.hitchWith("tokens", "", MemberArea.class, Open.class)
                .setWebXML(new StringAsset(SecurityIT.WEB_XML));
    }

    @Deployment(name = "short-tokens", testable = false)
    static WebArchive shortLived() {
        return Deployments.hitchWith("short-tokens", "hitch.token.ttl-ms=1000\n", MemberArea.class)
                .setWebXML(new StringAsset(SecurityIT.WEB_XML));
    }

    @ArquillianResource
    @OperateOnDeployment("tokens")
    URL base;

    @ArquillianResource
    @OperateOnDeployment("short-tokens")
    URL shortBase;

    private static HttpResponse<String> requestToken(URL app, Map<String, String> headers) {
        return HitchTestClient.http("POST", HitchTestClient.resource(app, "hitch/token"), headers);
    }

    private static JsonObject tokenFor(URL app, String user, String password) {
        HttpResponse<String> response = requestToken(app, Map.of("Authorization", HitchTestClient.basic(user, password)));
        assertEquals(200, response.statusCode(), response.body());
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private static String[] offering(String token) {
        return new String[] {"hitch.v1", "hitch.token." + token};
    }

    @Test
    void anAnonymousTokenRequestIsRefusedWith401() {
        HttpResponse<String> response = requestToken(base, Map.of());
        assertEquals(401, response.statusCode());
        assertFalse(response.body().contains("token\":"), response.body());
    }

    @Test
    void aTokenRequestWithAWrongPasswordIsRefusedWith401() {
        assertEquals(401, requestToken(base, Map.of("Authorization", HitchTestClient.basic("alice", "not-her-password")))
                .statusCode());
    }

    @Test
    void anAuthenticatedTokenRequestGetsATokenAndItsLifetime() {
        JsonObject issued = tokenFor(base, "alice", "alice-it-password");
        assertFalse(issued.getString("token").isBlank());
        assertEquals(60_000, issued.getJsonNumber("expiresInMs").longValueExact());
        assertEquals(2, issued.size(), "exactly token and expiresInMs: " + issued);
    }

    @Test
    void theTokenResponseMayNotBeStoredByCaches() {
        HttpResponse<String> response = requestToken(base,
                Map.of("Authorization", HitchTestClient.basic("alice", "alice-it-password")));
        String cacheControl = String.join(",", response.headers().allValues("Cache-Control"));
        assertTrue(java.util.Arrays.stream(cacheControl.split(",")).map(String::trim).anyMatch("no-store"::equals),
                "Cache-Control: " + cacheControl);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    }

    @Test
    void aTokenConnectsAsItsUserWithTheUsersRoles() {
        try (HitchClient alice = Clients.connect(base, HitchOptions.builder()
                .token(() -> tokenFor(base, "alice", "alice-it-password").getString("token")))) {
            assertEquals("alice", alice.request("test.members", null, String.class).join());
        }
    }

    @Test
    void theServerSelectsHitchV1WhenATokenIsOffered() {
        String token = tokenFor(base, "alice", "alice-it-password").getString("token");
        try (HitchTestClient alice = HitchTestClient.connect(base, offering(token))) {
            assertEquals("hitch.v1", alice.subprotocol());
        }
    }

    @Test
    void aTokenOfAUserOutsideTheRoleConnectsButIsForbiddenTheRoute() {
        try (HitchClient bob = Clients.connect(base, HitchOptions.builder()
                .token(() -> tokenFor(base, "bob", "bob-it-password").getString("token")))) {
            assertEquals("bob", bob.request("guard.open", null, String.class).join());
            assertEquals("forbidden", HitchException.of(assertThrows(CompletionException.class,
                    () -> bob.request("test.members", null, String.class).join())).code());
        }
    }

    @Test
    void aTokenIsRefusedWith401TheSecondTime() {
        String token = tokenFor(base, "alice", "alice-it-password").getString("token");
        try (HitchTestClient first = HitchTestClient.connect(base, offering(token))) {
            assertEquals("hitch.welcome", first.welcome().getString("route"));
            assertEquals(401, HitchTestClient.refusedUpgrade(base, Map.of(), offering(token)));
        }
    }

    @Test
    void aTokenWhoseUserWasChangedIsRefusedWith401() {
        String token = tokenFor(base, "alice", "alice-it-password").getString("token");
        String carol = Base64.getUrlEncoder().withoutPadding().encodeToString("carol".getBytes(StandardCharsets.UTF_8));
        String forged = carol + token.substring(token.indexOf('.'));
        assertEquals(401, HitchTestClient.refusedUpgrade(base, Map.of(), offering(forged)));
    }

    @Test
    void aTokenWithAnAlteredSignatureIsRefusedWith401() {
        String token = tokenFor(base, "alice", "alice-it-password").getString("token");
        char last = token.charAt(token.length() - 1);
        String altered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertEquals(401, HitchTestClient.refusedUpgrade(base, Map.of(), offering(altered)));
    }

    @Test
    void somethingThatIsNoTokenAtAllIsRefusedWith401() {
        assertEquals(401, HitchTestClient.refusedUpgrade(base, Map.of(), offering("not-a-token")));
    }

    @Test
    void anExpiredTokenIsRefusedWith401() {
        JsonObject issued = tokenFor(shortBase, "alice", "alice-it-password");
        assertEquals(1000, issued.getJsonNumber("expiresInMs").longValueExact());
        long issuedAt = System.currentTimeMillis();
        // The server and this test share a clock: wait until the token's lifetime has surely passed.
        HitchTestClient.eventually("the token expired", System::currentTimeMillis, now -> now > issuedAt + 1_100);
        assertEquals(401, HitchTestClient.refusedUpgrade(shortBase, Map.of(), offering(issued.getString("token"))));
    }

    @Test
    void aTokenFromAnotherApplicationWithItsOwnRandomKeyIsRefusedWith401() {
        String token = tokenFor(shortBase, "alice", "alice-it-password").getString("token");
        assertEquals(401, HitchTestClient.refusedUpgrade(base, Map.of(), offering(token)));
    }
}
