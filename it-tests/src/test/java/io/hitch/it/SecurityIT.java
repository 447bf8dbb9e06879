package io.hitch.it;

import io.hitch.it.security.MemberArea;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Container authentication of the upgrade reaches routes, and @RolesAllowed is enforced. */
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
        return Deployments.hitchWith("security", "", MemberArea.class).setWebXML(new StringAsset(WEB_XML));
    }

    @ArquillianResource
    URL base;

    @Test
    void aUserInTheRoleMayCallTheRouteAndTheRouteSeesThePrincipal() {
        try (HitchTestClient alice = HitchTestClient.connectAs(base, "alice", "alice-it-password")) {
            assertEquals("{\"re\":1,\"data\":\"alice\"}", alice.call("test.members", 1, null).toString());
        }
    }

    @Test
    void aUserOutsideTheRoleIsAnsweredForbidden() {
        try (HitchTestClient bob = HitchTestClient.connectAs(base, "bob", "bob-it-password")) {
            JsonObject reply = bob.call("test.members", 1, null);
            assertEquals("forbidden", reply.getJsonObject("error").getString("code"));
        }
    }

    @Test
    void anAnonymousCallerIsAnsweredForbidden() {
        try (HitchTestClient anonymous = HitchTestClient.connect(base)) {
            assertEquals("forbidden", anonymous.call("test.members", 1, null).getJsonObject("error").getString("code"));
        }
    }
}
