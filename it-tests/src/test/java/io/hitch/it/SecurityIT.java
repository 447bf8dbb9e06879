package io.hitch.it;

import io.hitch.client.HitchClient;
import io.hitch.client.HitchException;
import io.hitch.client.HitchOptions;
import io.hitch.client.Reconnect;
import io.hitch.it.guard.Denied;
import io.hitch.it.guard.GuardRoutes;
import io.hitch.it.guard.MethodPermits;
import io.hitch.it.guard.MethodRestricts;
import io.hitch.it.guard.Open;
import io.hitch.it.guard.Plain;
import io.hitch.it.security.MemberArea;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Container authentication of the upgrade reaches routes, and each route's rule is enforced:
 * {@code @RolesAllowed}, {@code @PermitAll}, {@code @DenyAll} (the method's annotation winning over
 * the class's), and {@code hitch.require-authentication} for routes without an annotation.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SecurityIT {

    static final String WEB_XML = """
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.1">
                <login-config><auth-method>BASIC</auth-method><realm-name>hitch-it</realm-name></login-config>
                <security-role><role-name>chatter</role-name></security-role>
                <security-role><role-name>admin</role-name></security-role>
            </web-app>
            """;

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.hitchWith("security", "hitch.require-authentication=true\n", GuardRoutes.access())
                .addClass(MemberArea.class).setWebXML(new StringAsset(WEB_XML));
    }

    @ArquillianResource
    URL base;

    @Test
    void aUserInTheRoleMayCallTheRouteAndTheRouteSeesThePrincipal() {
        try (HitchClient alice = as("alice")) {
            assertEquals("alice", alice.request("test.members", null, String.class).join());
        }
    }

    @Test
    void aUserOutsideTheRoleIsAnsweredForbidden() {
        try (HitchClient bob = as("bob")) {
            assertEquals("forbidden", refusal(bob, "test.members").code());
        }
    }

    @Test
    void anAnonymousCallerIsAnsweredForbidden() {
        try (HitchClient anonymous = Clients.connect(base)) {
            assertEquals("forbidden", refusal(anonymous, "test.members").code());
        }
    }

    @Test
    void aDenyAllRouteRefusesEvenAUserInEveryRole() {
        try (HitchClient alice = as("alice"); HitchClient carol = as("carol")) {
            assertEquals("forbidden", refusal(alice, "guard.denied").code());
            assertEquals("forbidden", refusal(carol, "guard.denied").code());
        }
    }

    @Test
    void aPermitAllRouteAdmitsAnAnonymousCallerEvenWhenAuthenticationIsRequired() {
        try (HitchClient anonymous = Clients.connect(base)) {
            assertEquals("anonymous", anonymous.request("guard.open", null, String.class).join());
        }
    }

    @Test
    void anUnannotatedRouteRefusesAnAnonymousCallerWhenAuthenticationIsRequired() {
        try (HitchClient anonymous = Clients.connect(base)) {
            HitchException e = refusal(anonymous, "guard.plain");
            assertEquals("forbidden", e.code());
            assertEquals("you may not call route 'guard.plain'", e.getMessage());
        }
    }

    @Test
    void anUnannotatedRouteAdmitsAnAuthenticatedUserWhenAuthenticationIsRequired() {
        try (HitchClient alice = as("alice")) {
            assertEquals("alice", alice.request("guard.plain", null, String.class).join());
        }
    }

    @Test
    void aWrongPasswordOnTheUpgradeIsRefusedWith401InsteadOfConnectingAnonymously() {
        try (HitchClient client = HitchClient.connect(HitchTestClient.wsUri(base), HitchOptions.builder()
                .basicAuth("alice", "not-alices-password").reconnect(Reconnect.NEVER).build())) {
            HitchException e = assertThrows(HitchException.class, () -> client.awaitWelcome(Clients.WAIT));
            assertEquals(401, e.details().asJsonObject().getInt("status"), e.toString());
        }
    }

    /** @return a client authenticated with HTTP Basic as {@code user} of the test registry */
    private HitchClient as(String user) {
        return Clients.connect(base, HitchOptions.builder().basicAuth(user, user + "-it-password"));
    }

    private static HitchException refusal(HitchClient client, String route) {
        return HitchException.of(assertThrows(CompletionException.class,
                () -> client.request(route, null, JsonValue.class).join()));
    }

    @Test
    void aPermitAllOnTheHandleMethodOverridesADenyAllOnTheClass() {
        try (HitchTestClient anonymous = HitchTestClient.connect(base)) {
            assertEquals("{\"re\":1,\"data\":\"ran\"}", anonymous.call("guard.method-permits", 1, null).toString());
        }
    }

    @Test
    void aRolesAllowedOnTheHandleMethodOverridesAPermitAllOnTheClass() {
        try (HitchTestClient anonymous = HitchTestClient.connect(base);
             HitchTestClient alice = HitchTestClient.connectAs(base, "alice", "alice-it-password");
             HitchTestClient carol = HitchTestClient.connectAs(base, "carol", "carol-it-password")) {
            assertEquals("forbidden", errorCode(anonymous.call("guard.method-restricts", 1, null)));
            assertEquals("forbidden", errorCode(alice.call("guard.method-restricts", 1, null)), "alice is no admin");
            assertEquals("{\"re\":1,\"data\":\"carol\"}", carol.call("guard.method-restricts", 1, null).toString());
        }
    }

    @Test
    void aRefusedCallNeverRunsTheHandler() {
        try (HitchTestClient anonymous = HitchTestClient.connect(base);
             HitchTestClient alice = HitchTestClient.connectAs(base, "alice", "alice-it-password")) {
            int denied = alice.call("guard.count", 1, "\"guard.denied\"").getInt("data");
            int restricted = alice.call("guard.count", 2, "\"guard.method-restricts\"").getInt("data");
            int plain = alice.call("guard.count", 3, "\"guard.plain\"").getInt("data");

            assertEquals("forbidden", errorCode(alice.call("guard.denied", 4, null)));
            assertEquals("forbidden", errorCode(alice.call("guard.method-restricts", 5, null)));
            assertEquals("forbidden", errorCode(anonymous.call("guard.plain", 1, null)));

            assertEquals(denied, alice.call("guard.count", 6, "\"guard.denied\"").getInt("data"));
            assertEquals(restricted, alice.call("guard.count", 7, "\"guard.method-restricts\"").getInt("data"));
            assertEquals(plain, alice.call("guard.count", 8, "\"guard.plain\"").getInt("data"));
        }
    }

    @Test
    void aRefusedNotificationIsReportedWithAForbiddenPushNamingTheRoute() {
        try (HitchTestClient anonymous = HitchTestClient.connect(base)) {
            anonymous.sendRaw("{\"route\":\"guard.plain\"}");
            JsonObject push = anonymous.nextErrorPush().getJsonObject("data");
            assertEquals("forbidden", push.getString("code"));
            assertEquals("guard.plain", push.getString("route"));
        }
    }

    @Test
    void theStartUpLogListsWhoMayCallEachRoute() throws Exception {
        String log = ServerLog.read();
        assertLogged(log, "guard.denied", Denied.class, "no one (@DenyAll)");
        assertLogged(log, "guard.open", Open.class, "anyone (@PermitAll)");
        assertLogged(log, "guard.plain", Plain.class, "authenticated");
        assertLogged(log, "guard.method-permits", MethodPermits.class, "anyone (@PermitAll)");
        assertLogged(log, "guard.method-restricts", MethodRestricts.class, "roles admin");
        assertLogged(log, "test.members", MemberArea.class, "roles chatter");
    }

    private static void assertLogged(String log, String route, Class<?> bean, String rule) {
        String prefix = "  " + route + " -> bean " + bean.getName() + " (";
        String line = log.lines().filter(l -> l.startsWith(prefix)).reduce((first, last) -> last)
                .orElseThrow(() -> new AssertionError("no route table line for " + route + " in the log"));
        assertTrue(line.endsWith("callable by " + rule), line);
    }

    private static String errorCode(JsonObject answer) {
        JsonObject error = answer.getJsonObject("error");
        if (error == null) {
            throw new AssertionError("not an error reply: " + answer);
        }
        return error.getString("code");
    }
}
