package io.hitch.it;

import io.hitch.it.routes.Boom;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Secrets stay out of the wire and the log: connect tokens and passwords never reach
 * {@code messages.log}, and no frame carries a token, a password, an exception's message or a stack
 * trace. (The log does carry the stack trace of an unexpected failure, under the incident id the
 * client gets: README, "Errors".)
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class NoLeaksIT {

    private static final String PASSWORD = "alice-it-password";
    private static final String WRONG_PASSWORD = "wrong-" + Long.toHexString(System.nanoTime()) + "-password";
    private static final List<String> TRACE_MARKERS = List.of("Exception", "\tat ", "at io.hitch", "at java.",
            "Caused by", "IllegalStateException");

    /** {@link SecurityIT#WEB_XML} plus a constraint on the endpoint, as README recommends: only chatters connect. */
    static final String PROTECTED_WEB_XML = SecurityIT.WEB_XML.replace("<login-config>", """
            <security-constraint>
                    <web-resource-collection><web-resource-name>endpoint</web-resource-name><url-pattern>/ws</url-pattern></web-resource-collection>
                    <auth-constraint><role-name>chatter</role-name></auth-constraint>
                </security-constraint>
                <login-config>""");

    @Deployment(name = "noleaks", testable = false)
    static WebArchive app() {
        return Deployments.hitchWith("noleaks", "", Boom.class, MemberArea.class)
                .setWebXML(new StringAsset(SecurityIT.WEB_XML));
    }

    @Deployment(name = "noleaks-protected", testable = false)
    static WebArchive protectedEndpoint() {
        return Deployments.hitchWith("noleaks-protected", "", MemberArea.class)
                .setWebXML(new StringAsset(PROTECTED_WEB_XML));
    }

    @ArquillianResource
    @OperateOnDeployment("noleaks")
    URL base;

    @ArquillianResource
    @OperateOnDeployment("noleaks-protected")
    URL protectedBase;

    private HttpResponse<String> requestToken(String user, String password) {
        return HitchTestClient.http("POST", HitchTestClient.resource(base, "hitch/token"),
                Map.of("Authorization", HitchTestClient.basic(user, password)));
    }

    private String token() {
        HttpResponse<String> response = requestToken("alice", PASSWORD);
        assertEquals(200, response.statusCode());
        return Json.createReader(new StringReader(response.body())).readObject().getString("token");
    }

    /** Every frame a client received, the ones the test never looked at included. */
    private static List<String> everyFrame(HitchTestClient... clients) throws InterruptedException {
        List<String> frames = new ArrayList<>();
        for (HitchTestClient client : clients) {
            client.drain(0);
            frames.addAll(client.transcript());
        }
        return frames;
    }

    private static void assertNoneContains(List<String> texts, List<String> secrets) {
        for (String text : texts) {
            for (String secret : secrets) {
                assertFalse(text.contains(secret), "'" + secret + "' leaked into " + text);
            }
        }
    }

    private static String log() {
        try {
            return ServerLog.read();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aFailingRouteAnswersAnIncidentIdAndNoExceptionText() throws Exception {
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            JsonObject error = client.call("test.boom", 1, null).getJsonObject("error");
            String incident = error.getJsonObject("details").getString("incident");

            assertEquals("internal", error.getString("code"));
            assertEquals("internal error (incident " + incident + ")", error.getString("message"));
            List<String> secrets = new ArrayList<>(TRACE_MARKERS);
            secrets.add(Boom.SECRET);
            secrets.add("hunter2");
            assertNoneContains(everyFrame(client), secrets);
        }
    }

    @Test
    void aFailingNotificationIsReportedWithoutExceptionText() throws Exception {
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            client.sendRaw("{\"route\":\"test.boom\"}");
            assertEquals("internal", client.nextErrorPush().getJsonObject("data").getString("code"));

            List<String> secrets = new ArrayList<>(TRACE_MARKERS);
            secrets.add(Boom.SECRET);
            assertNoneContains(everyFrame(client), secrets);
        }
    }

    @Test
    void theIncidentIdTheClientGetsNamesTheFailureInTheLog() {
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            String incident = client.call("test.boom", 1, null).getJsonObject("error").getJsonObject("details")
                    .getString("incident");
            HitchTestClient.eventually("the incident logged", NoLeaksIT::log,
                    log -> log.contains("Route 'test.boom' failed for peer " + client.peerId() + " (incident "
                            + incident + ")"));
        }
    }

    @Test
    void aWrongPasswordIsRefusedWith401AndNeverLogged() {
        assertEquals(401, requestToken("alice", WRONG_PASSWORD).statusCode());
        assertEquals(401, HitchTestClient.refusedUpgrade(protectedBase,
                Map.of("Authorization", HitchTestClient.basic("alice", WRONG_PASSWORD))));

        String log = log();
        assertFalse(log.contains(WRONG_PASSWORD), "the wrong password is in the log");
        assertFalse(log.contains(HitchTestClient.basic("alice", WRONG_PASSWORD).substring(6)),
                "the wrong credentials are in the log, Base64-encoded");
    }

    @Test
    void theRightPasswordIsNeverLogged() {
        assertEquals(200, requestToken("alice", PASSWORD).statusCode());
        try (HitchTestClient alice = HitchTestClient.connectAs(base, "alice", PASSWORD)) {
            assertEquals("alice", alice.call("test.members", 1, null).getString("data"));
            assertNoneContains(everyFrame(alice), List.of(PASSWORD, HitchTestClient.basic("alice", PASSWORD).substring(6)));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        String log = log();
        assertFalse(log.contains(PASSWORD), "the password is in the log");
        assertFalse(log.contains(HitchTestClient.basic("alice", PASSWORD).substring(6)),
                "the credentials are in the log, Base64-encoded");
    }

    @Test
    void connectTokensUsedRefusedOrForgedAreNeverLoggedNorSent() throws Exception {
        String used = token();
        String forged = used.substring(0, used.lastIndexOf('.') + 1) + "forged-signature";
        List<String> secrets = new ArrayList<>();
        secrets.add(used);
        secrets.add(used.substring(used.lastIndexOf('.') + 1)); // the signature alone
        secrets.add(forged);
        try (HitchTestClient alice = HitchTestClient.connect(base, "hitch.v1", "hitch.token." + used)) {
            assertEquals("alice", alice.call("test.members", 1, null).getString("data"));
            assertEquals(401, HitchTestClient.refusedUpgrade(base, Map.of(), "hitch.v1", "hitch.token." + used));
            assertEquals(401, HitchTestClient.refusedUpgrade(base, Map.of(), "hitch.v1", "hitch.token." + forged));
            assertNoneContains(everyFrame(alice), secrets);
        }
        // The refusals were logged (without the token) before their 401s were sent.
        HitchTestClient.eventually("both refusals logged", NoLeaksIT::log,
                log -> log.split("an invalid or expired connect token", -1).length >= 3);
        assertNoneContains(List.of(log()), secrets);
    }

    @Test
    void theServerLogHoldsTheFailuresStackTraceButTheWireDoesNot() {
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            String incident = client.call("test.boom", 1, null).getJsonObject("error").getJsonObject("details")
                    .getString("incident");
            String log = HitchTestClient.eventually("the incident logged", NoLeaksIT::log,
                    l -> l.contains("(incident " + incident + ")"));
            String entry = log.substring(log.indexOf("(incident " + incident + ")"));
            assertTrue(entry.contains(Boom.SECRET), "the log names the cause, as README documents");
            assertTrue(client.transcript().stream().noneMatch(f -> f.contains(Boom.SECRET)));
        }
    }
}
