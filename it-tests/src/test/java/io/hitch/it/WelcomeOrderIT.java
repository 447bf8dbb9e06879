package io.hitch.it;

import io.hitch.it.push.PushRoutes;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The welcome is the first frame of every connection, even while broadcasts are flowing. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WelcomeOrderIT {

    @Deployment(testable = false)
    static WebArchive app() {
        // The storm must not be cut short by the per-connection rate limit.
        return Deployments.hitchWith("welcome-order",
                "hitch.rate-limit.per-second=1000000\nhitch.rate-limit.burst=1000000\n", PushRoutes.groupsAndPush());
    }

    @ArquillianResource
    URL base;

    @Test
    void aBroadcastStormNeverOvertakesTheWelcomeOfANewConnection() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<String> firstFrames = new ArrayList<>();
        try (HitchTestClient sender = HitchTestClient.connect(base)) {
            Future<?> storm = pool.submit(() -> {
                while (!stop.get()) {
                    for (int i = 0; i < 20; i++) {
                        sender.sendRaw("{\"route\":\"test.broadcast\",\"data\":{\"text\":\"storm\"}}");
                    }
                    sender.call("hitch.ping", 1, null); // keep the storm paced with the server
                }
                return null;
            });
            for (int i = 0; i < 300; i++) {
                try (HitchTestClient client = HitchTestClient.connect(base)) {
                    JsonObject first = client.welcome();
                    firstFrames.add(first.getString("route"));
                }
            }
            stop.set(true);
            storm.get(60, TimeUnit.SECONDS);
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
        List<String> overtaken = firstFrames.stream().filter(route -> !route.equals("hitch.welcome")).toList();
        assertEquals(List.of(), overtaken, overtaken.size() + " of " + firstFrames.size()
                + " connections got another frame before their welcome");
    }
}
