package io.hitch.it;

import io.hitch.client.ConnectionListener;
import io.hitch.client.HitchClient;
import io.hitch.client.HitchException;
import io.hitch.client.HitchOptions;
import io.hitch.client.Reconnect;
import io.hitch.it.client.Kick;
import io.hitch.it.push.PushRoutes;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The Java client resumes after a lost connection (PROTOCOL.md §5.5): its group and every missed push come back. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class JavaClientRecoveryIT {

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.hitchWith("java-recovery", "hitch.recovery.window-ms=60000\n",
                PushRoutes.with(PushRoutes.groupsAndPush(), new Class<?>[] {Kick.class}));
    }

    @ArquillianResource
    URL base;

    private static <T> T next(BlockingQueue<T> queue) throws InterruptedException {
        T value = queue.poll(Clients.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(value, "nothing within " + Clients.WAIT);
        return value;
    }

    private static String say(String text) {
        return Json.createObjectBuilder().add("group", "room").add("text", text).build().toString();
    }

    @Test
    void aClientThatLostItsConnectionGetsItsGroupBackAndEveryMissedPushOnceInOrder() throws Exception {
        BlockingQueue<Integer> closes = new LinkedBlockingQueue<>();
        BlockingQueue<String> recoveries = new LinkedBlockingQueue<>();
        BlockingQueue<String> said = new LinkedBlockingQueue<>();
        // Long enough for the pushes below to be sent while the client is away.
        Reconnect later = new Reconnect(Duration.ofSeconds(5), Duration.ofSeconds(5), 1, Reconnect.Jitter.NONE, 10);
        try (HitchClient alice = Clients.connect(base, HitchOptions.builder().reconnect(later)
                .listener(new ConnectionListener() {
                    @Override
                    public void closed(int code, String reason) {
                        closes.add(code);
                    }

                    @Override
                    public void recovered(String previousPeer, List<String> groups, int replayed) {
                        recoveries.add(previousPeer + " " + groups + " " + replayed);
                    }

                    @Override
                    public void recoveryFailed(HitchException error) {
                        recoveries.add("failed: " + error.code() + " " + error.getMessage());
                    }
                }));
             HitchTestClient bob = HitchTestClient.connect(base)) {
            alice.on("test.said", JsonObject.class, (push, meta) -> said.add(push.getString("text")));
            String first = alice.peerId().orElseThrow();
            alice.request("test.group.join", Json.createObjectBuilder().add("group", "room").build(), JsonValue.class)
                    .join();
            bob.call("test.group.say", 1, say("before"));
            assertEquals("before", next(said));

            alice.request("test.kick", null, JsonValue.class);
            assertEquals(4001, next(closes));
            for (int i = 0; i < 3; i++) {
                bob.call("test.group.say", 2 + i, say("missed " + i));
            }

            assertEquals(first + " [room] 3", next(recoveries));
            List<String> got = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                got.add(next(said));
            }
            assertEquals(List.of("missed 0", "missed 1", "missed 2"), got);
            String second = alice.peerId().orElseThrow();
            assertNotEquals(first, second);
            assertEquals(Json.createArrayBuilder().add(second).build(), bob.call("test.group.members", 5,
                    Json.createObjectBuilder().add("group", "room").build().toString()).getJsonArray("data"));
            bob.call("test.group.say", 6, say("live"));
            assertEquals("live", next(said));
            assertNull(said.poll(300, TimeUnit.MILLISECONDS), "nothing twice");
        }
    }
}
