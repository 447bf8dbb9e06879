package io.hitch.it;

import io.hitch.it.guard.Census;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connection caps: {@code hitch.max-connections-per-address} and
 * {@code hitch.max-connections-per-principal}. An upgrade over a cap is refused with HTTP 429; a
 * closed connection gives its place back once the server has registered the close.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConnectionCapsIT {

    private static final String ALICE = HitchTestClient.basic("alice", "alice-it-password");
    private static final String CAROL = HitchTestClient.basic("carol", "carol-it-password");

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.hitchWith("caps",
                "hitch.max-connections-per-address=3\nhitch.max-connections-per-principal=2\n", Census.class)
                .setWebXML(new StringAsset(SecurityIT.WEB_XML));
    }

    @ArquillianResource
    URL base;

    /** @return the connections the server counts for this address, and for {@code user} */
    private JsonObject census(String user) {
        String body = HitchTestClient.http("GET", HitchTestClient.resource(base, "guard/census?user=" + user), Map.of())
                .body();
        return Json.createReader(new StringReader(body)).readObject();
    }

    private void awaitAddressCount(int expected) {
        HitchTestClient.eventually(expected + " connections counted from this address", () -> census("alice"),
                c -> c.getInt("address") == expected);
    }

    // Every test starts with no connection counted: the previous test's closes are registered.
    @BeforeEach
    void noConnectionsLeft() {
        awaitAddressCount(0);
    }

    @Test
    void theFourthConnectionFromOneAddressIsRefusedWith429() {
        try (HitchTestClient one = HitchTestClient.connect(base);
             HitchTestClient two = HitchTestClient.connect(base);
             HitchTestClient three = HitchTestClient.connect(base)) {
            assertEquals(429, HitchTestClient.refusedUpgrade(base, Map.of()));
        }
    }

    @Test
    void theConnectionsUnderTheAddressCapStayUsableWhenOneIsRefused() {
        try (HitchTestClient one = HitchTestClient.connect(base);
             HitchTestClient two = HitchTestClient.connect(base);
             HitchTestClient three = HitchTestClient.connect(base)) {
            HitchTestClient.refusedUpgrade(base, Map.of());

            assertEquals("ok", three.call("echo", 1, "\"ok\"").getString("data"));
            assertEquals(3, census("alice").getInt("address"));
        }
    }

    @Test
    void aClosedConnectionGivesItsPlaceUnderTheAddressCapBack() {
        try (HitchTestClient one = HitchTestClient.connect(base);
             HitchTestClient two = HitchTestClient.connect(base)) {
            HitchTestClient three = HitchTestClient.connect(base);
            three.closeWith(1000, "done");
            three.close();
            awaitAddressCount(2);

            try (HitchTestClient again = HitchTestClient.connect(base)) {
                assertEquals("hitch.welcome", again.welcome().getString("route"));
            }
        }
    }

    @Test
    void aThirdConnectionOfOneUserIsRefusedWith429() {
        try (HitchTestClient one = HitchTestClient.connect(base, Map.of("Authorization", ALICE));
             HitchTestClient two = HitchTestClient.connect(base, Map.of("Authorization", ALICE))) {
            assertEquals(2, census("alice").getInt("user"));
            assertEquals(429, HitchTestClient.refusedUpgrade(base, Map.of("Authorization", ALICE)));
        }
    }

    @Test
    void anotherUserMayConnectWhileOneUserIsAtItsCap() {
        try (HitchTestClient one = HitchTestClient.connect(base, Map.of("Authorization", ALICE));
             HitchTestClient two = HitchTestClient.connect(base, Map.of("Authorization", ALICE));
             HitchTestClient carol = HitchTestClient.connect(base, Map.of("Authorization", CAROL))) {
            assertEquals("hitch.welcome", carol.welcome().getString("route"));
        }
    }

    @Test
    void theAddressCapHoldsWhenUpgradesArriveTogether() throws Exception {
        int attempts = 20;
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        List<HitchTestClient> admitted = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HitchTestClient>> tries = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                Callable<HitchTestClient> attempt = () -> {
                    start.await();
                    try {
                        return HitchTestClient.connect(base);
                    } catch (java.util.concurrent.CompletionException refused) {
                        return null;
                    }
                };
                tries.add(pool.submit(attempt));
            }
            start.countDown();
            for (Future<HitchTestClient> attempt : tries) {
                HitchTestClient client = attempt.get(30, TimeUnit.SECONDS);
                if (client != null) {
                    admitted.add(client);
                }
            }
            assertTrue(admitted.size() <= 3, admitted.size() + " connections admitted under a cap of 3");
        } finally {
            admitted.forEach(HitchTestClient::close);
            pool.shutdownNow();
        }
    }
}
