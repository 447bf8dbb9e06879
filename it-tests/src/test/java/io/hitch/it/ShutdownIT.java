package io.hitch.it;

import io.hitch.it.guard.Lingering;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Graceful shutdown: when the application is undeployed, every request still running is answered
 * {@code unavailable}, then each connection is closed with 1001 "server shutting down"; the late
 * result of an abandoned route is dropped without an error.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ShutdownIT {

    private static final String APP = "shutdown";

    // Deployed by the tests themselves, so they can undeploy it while a client is connected.
    @Deployment(name = APP, managed = false, testable = false)
    static WebArchive app() {
        return Deployments.hitchWith(APP, "", Lingering.class);
    }

    // Only here to learn the server's address: a deployment that is not deployed yet has no URL.
    @Deployment(name = "shutdown-anchor", testable = false)
    static WebArchive anchor() {
        return Deployments.hitchWith("shutdown-anchor", "");
    }

    @ArquillianResource
    @OperateOnDeployment("shutdown-anchor")
    URL anchor;

    @ArquillianResource
    Deployer deployer;

    private URL appUrl() throws Exception {
        return new URL(anchor, "/" + APP + "/");
    }

    /** Starts a 10 s request and makes sure the server has it running before returning. */
    private static void startSlowRequest(HitchTestClient client) {
        client.sendRaw("{\"route\":\"guard.slow\",\"id\":1,\"data\":10000}");
        // Frames of one connection are handled in order: once the ping is answered, the slow route runs.
        assertTrue(client.call("hitch.ping", 2, null).getJsonObject("data").containsKey("pong"));
    }

    @Test
    void undeployingAnswersARunningRequestUnavailableAndThenClosesWith1001() throws Exception {
        deployer.deploy(APP);
        boolean deployed = true;
        try (HitchTestClient client = HitchTestClient.connect(appUrl())) {
            startSlowRequest(client);

            deployer.undeploy(APP);
            deployed = false;

            JsonObject answer = client.next();
            assertEquals(1, answer.getInt("re"), "the next frame answers the running request: " + answer);
            assertEquals("unavailable", answer.getJsonObject("error").getString("code"));
            assertEquals(1001, client.awaitClose());
            assertEquals("server shutting down", client.closeReason());
        } finally {
            if (deployed) {
                deployer.undeploy(APP);
            }
        }
    }

    @Test
    void shuttingDownWithAClientConnectedLogsNoErrorOrException() throws Exception {
        deployer.deploy(APP);
        boolean deployed = true;
        int logStart = log().length();
        String peer;
        try (HitchTestClient client = HitchTestClient.connect(appUrl())) {
            peer = client.peerId();
            startSlowRequest(client);

            deployer.undeploy(APP);
            deployed = false;
            client.awaitClose();
        } finally {
            if (deployed) {
                deployer.undeploy(APP);
            }
        }

        // The server is done with the connection once it logs its end, as a disconnect or as an error.
        String since = HitchTestClient.eventually("the end of peer " + peer + " logged", () -> log().substring(logStart),
                log -> log.contains("Peer " + peer + " disconnected") || log.contains("error on peer " + peer));
        assertEquals(List.of(), problems(since));
        assertTrue(since.contains("Peer " + peer + " disconnected: 1001 server shutting down"), since);
    }

    @Test
    void theLateResultOfARouteAbandonedAtShutdownIsDroppedWithoutAnIncident() throws Exception {
        deployer.deploy(APP);
        boolean deployed = true;
        int logStart;
        try (HitchTestClient client = HitchTestClient.connect(appUrl())) {
            startSlowRequest(client);

            deployer.undeploy(APP);
            deployed = false;
            client.awaitClose();
            logStart = log().length();
        } finally {
            if (deployed) {
                deployer.undeploy(APP);
            }
        }

        // Lingering logs this line only after Hitch's own handling of the late result has run.
        String since = HitchTestClient.eventually("the abandoned route completed", () -> log().substring(logStart),
                log -> log.contains(Lingering.COMPLETED + "10000 ms"));
        assertTrue(since.lines().noneMatch(l -> l.contains("incident") || l.contains("Route 'guard.slow' failed")),
                since);
    }

    /** @return the warnings, errors and exception lines among {@code log}'s lines */
    private static List<String> problems(String log) {
        return log.lines().filter(l -> l.matches("^\\[[^]]+] \\S+ \\S+\\s+[WEF] .*") || l.contains("Exception")
                || l.startsWith("\tat ")).toList();
    }

    private static String log() {
        try {
            return ServerLog.read();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
