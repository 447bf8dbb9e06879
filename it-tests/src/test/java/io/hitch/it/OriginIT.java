package io.hitch.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Origin check of the upgrade: the server's own origin and those of {@code hitch.origins} are
 * accepted, any other is refused with HTTP 403 before a connection exists, and a missing Origin
 * (a client that is no browser) is accepted unless {@code hitch.allow-no-origin=false}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OriginIT {

    private static final String ALLOWED = "https://app.example.com";

    @Deployment(name = "origins", testable = false)
    static WebArchive withAllowList() {
        return Deployments.hitchWith("origins", "hitch.origins=" + ALLOWED + ", http://partner.example.org:8080\n");
    }

    @Deployment(name = "origin-required", testable = false)
    static WebArchive withOriginRequired() {
        return Deployments.hitchWith("origin-required", "hitch.allow-no-origin=false\n");
    }

    @ArquillianResource
    @OperateOnDeployment("origins")
    URL base;

    @ArquillianResource
    @OperateOnDeployment("origin-required")
    URL strict;

    /** @return the origin of the page a browser would have loaded from this server */
    private static String ownOrigin(URL url) {
        return url.getProtocol() + "://" + url.getHost() + ":" + url.getPort();
    }

    @Test
    void anUpgradeFromAForeignOriginIsRefusedWith403() {
        assertEquals(403, HitchTestClient.refusedUpgrade(base, Map.of("Origin", "https://evil.example.net")));
    }

    @Test
    void anUpgradeFromAnOriginThatMerelyStartsWithAnAllowedOneIsRefusedWith403() {
        assertEquals(403, HitchTestClient.refusedUpgrade(base, Map.of("Origin", ALLOWED + ".evil.example.net")));
    }

    @Test
    void anUpgradeFromAnAllowedHostOnAnotherPortIsRefusedWith403() {
        assertEquals(403, HitchTestClient.refusedUpgrade(base, Map.of("Origin", ALLOWED + ":8443")));
    }

    @Test
    void anUpgradeFromTheServersOwnOriginIsAccepted() {
        try (HitchTestClient client = HitchTestClient.connect(base, Map.of("Origin", ownOrigin(base)))) {
            assertEquals("hitch.welcome", client.welcome().getString("route"));
            assertEquals("ok", client.call("echo", 1, "\"ok\"").getString("data"));
        }
    }

    @Test
    void anUpgradeFromAnOriginInTheAllowListIsAccepted() {
        try (HitchTestClient client = HitchTestClient.connect(base, Map.of("Origin", ALLOWED))) {
            assertEquals("hitch.welcome", client.welcome().getString("route"));
        }
    }

    @Test
    void anAllowedOriginIsMatchedWhateverItsLetterCase() {
        try (HitchTestClient client = HitchTestClient.connect(base, Map.of("Origin", "HTTP://Partner.Example.ORG:8080"))) {
            assertEquals("hitch.welcome", client.welcome().getString("route"));
        }
    }

    @Test
    void anUpgradeWithoutAnOriginIsAcceptedByDefault() {
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            assertEquals("hitch.welcome", client.welcome().getString("route"));
        }
    }

    @Test
    void anUpgradeWithoutAnOriginIsRefusedWith403WhenAnOriginIsRequired() {
        assertEquals(403, HitchTestClient.refusedUpgrade(strict, Map.of()));
    }

    @Test
    void theServersOwnOriginIsStillAcceptedWhenAnOriginIsRequired() {
        try (HitchTestClient client = HitchTestClient.connect(strict, Map.of("Origin", ownOrigin(strict)))) {
            assertEquals("hitch.welcome", client.welcome().getString("route"));
        }
    }

    @Test
    void aRefusedOriginIsLoggedWithTheAddressAndTheOrigin() {
        String origin = "https://refused-" + System.nanoTime() + ".example.net";
        HitchTestClient.refusedUpgrade(base, Map.of("Origin", origin));
        HitchTestClient.eventually("the refusal logged", OriginIT::log,
                log -> log.contains("Refused a WebSocket upgrade from 127.0.0.1: origin " + origin));
    }

    private static String log() {
        try {
            return ServerLog.read();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
