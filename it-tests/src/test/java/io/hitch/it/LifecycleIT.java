package io.hitch.it;

import io.hitch.client.HitchClient;
import io.hitch.it.push.GreetOnConnect;
import io.hitch.it.push.PushRoutes;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code PeerConnected} and {@code PeerDisconnected}, observed by test beans: a recorder that a
 * route reads back (waiting, without sleeping, until the events were fired), and an observer that
 * pushes to every new peer.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LifecycleIT {

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.hitchWith("lifecycle", "", PushRoutes.with(PushRoutes.lifecycle(),
                PushRoutes.groupsAndPush(), new Class<?>[] {GreetOnConnect.class}));
    }

    @ArquillianResource
    URL base;

    @Test
    void aPushFromAPeerConnectedObserverArrivesRightAfterTheWelcome() {
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            assertEquals("hitch.welcome", client.welcome().getString("route"), "the welcome comes first");

            JsonObject greeted = client.next();
            assertEquals("{\"route\":\"test.greeted\",\"data\":{\"peer\":\"" + client.peerId() + "\"},\"stream\":\"peer:"
                    + client.peerId() + "\",\"seq\":" + greeted.get("seq") + "}", greeted.toString());
        }
    }

    @Test
    void peerConnectedIsFiredOnceForANewConnection() {
        try (HitchClient client = Clients.connect(base)) {
            String peer = client.peerId().orElseThrow();
            JsonArray events = eventsOf(client, peer, 1);

            assertEquals(1, events.size());
            assertEquals("connected", events.getJsonObject(0).getString("kind"));
            assertEquals(peer, events.getJsonObject(0).getString("peer"));
        }
    }

    @Test
    void eachConnectionFiresConnectedThenDisconnectedExactlyOnce() {
        try (HitchClient watcher = Clients.connect(base)) {
            String peer;
            try (HitchClient client = Clients.connect(base)) {
                peer = client.peerId().orElseThrow();
                client.close(1000, "done");
            }

            JsonArray events = eventsOf(watcher, peer, 2);

            assertEquals(List.of("connected", "disconnected"), kinds(events));
            // Another round trip later, still two: nothing fired twice.
            assertEquals(List.of("connected", "disconnected"), kinds(eventsOf(watcher, peer, 1)));
        }
    }

    @Test
    void peerDisconnectedCarriesTheCloseCodeAndReasonTheClientSent() {
        try (HitchClient watcher = Clients.connect(base)) {
            String peer;
            try (HitchClient client = Clients.connect(base)) {
                peer = client.peerId().orElseThrow();
                client.close(4001, "bye");
            }

            JsonObject disconnected = eventsOf(watcher, peer, 2).getJsonObject(1);

            assertEquals("disconnected", disconnected.getString("kind"));
            assertEquals(4001, disconnected.getInt("code"));
            assertEquals("bye", disconnected.getString("reason"));
        }
    }

    @Test
    void aConnectionDroppedWithoutAClosingHandshakeStillFiresPeerDisconnectedOnceWithAnAbnormalCode() {
        // The raw client: only it can drop a connection without a closing handshake.
        try (HitchTestClient watcher = HitchTestClient.connect(base)) {
            String peer;
            try (HitchTestClient client = HitchTestClient.connect(base)) {
                peer = client.peerId();
                client.drop();
            }

            JsonArray events = eventsOf(watcher, peer, 2);

            assertEquals(List.of("connected", "disconnected"), kinds(events));
            // The container picks the code: Open Liberty reports 1011 here, others 1006.
            int code = events.getJsonObject(1).getInt("code");
            assertTrue(code == 1006 || code == 1011, "not an abnormal closure code: " + code);
        }
    }

    @Test
    void peerDisconnectedIsFiredAfterThePeerLeftItsGroupsAndStillNamesThem() {
        String red = "it.lifecycle.red." + System.nanoTime();
        String blue = "it.lifecycle.blue." + System.nanoTime();
        try (HitchClient watcher = Clients.connect(base)) {
            String peer;
            try (HitchClient client = Clients.connect(base)) {
                peer = client.peerId().orElseThrow();
                client.request("test.group.join", Map.of("group", red), Boolean.class).join();
                client.request("test.group.join", Map.of("group", blue), Boolean.class).join();
                client.close(1000, "");
            }

            JsonObject disconnected = eventsOf(watcher, peer, 2).getJsonObject(1);

            assertEquals(List.of(blue, red).stream().sorted().toList(), strings(disconnected.getJsonArray("groups")),
                    "the event's peer still names the groups it was in");
            assertEquals(List.of(), strings(disconnected.getJsonArray("stillMemberOf")),
                    "but it has left every one of them when observers run");
        }
    }

    private static JsonArray eventsOf(HitchClient asker, String peer, int atLeast) {
        return asker.request("test.lifecycle.of", Map.of("peer", peer, "count", atLeast), JsonArray.class).join();
    }

    private static JsonArray eventsOf(HitchTestClient asker, String peer, int atLeast) {
        JsonObject reply = asker.call("test.lifecycle.of", 100, "{\"peer\":\"" + peer + "\",\"count\":" + atLeast + "}");
        return reply.getJsonArray("data");
    }

    private static List<String> kinds(JsonArray events) {
        return events.getValuesAs(JsonObject.class).stream().map(e -> e.getString("kind")).toList();
    }

    private static List<String> strings(JsonArray array) {
        return array.getValuesAs(JsonString::getString);
    }
}
