package io.hitch.peers;

import io.hitch.api.PeerConnected;
import io.hitch.api.PeerDisconnected;
import io.hitch.backplane.ClusterPresence;
import io.hitch.backplane.PeerPresence;
import io.hitch.backplane.RedisBackplane;
import io.hitch.backplane.RedisServer;
import io.hitch.config.AccessConfig;
import io.hitch.config.BackplaneConfig;
import io.hitch.config.FlowConfig;
import io.hitch.config.HitchConfig;
import io.hitch.config.RecoveryConfig;
import io.hitch.dispatch.Binder;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two nodes in one JVM on a real Redis (the redis backplane): fan-out, presence, recovery, outages. */
class ClusterTest {

    private static final String SECRET = "a cluster-wide secret of at least 32 characters";
    private static RedisServer redis;

    private final List<RedisBackplane> backplanes = new ArrayList<>();
    private final Map<PeerSession, PeerRegistryTest.RecordingSink> sinks = new HashMap<>();
    private PeerRegistry nodeA;
    private PeerRegistry nodeB;

    @BeforeAll
    static void startRedis() {
        redis = new RedisServer();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @BeforeEach
    void startNodes() {
        redis.stop();
        redis.start();
        nodeA = node();
        nodeB = node();
    }

    @AfterEach
    void stopNodes() {
        backplanes.forEach(RedisBackplane::close);
    }

    private PeerRegistry node() {
        return node(RecoveryConfig.defaults());
    }

    private PeerRegistry node(RecoveryConfig recovery) {
        Map<String, String> settings = Map.of("hitch.backplane", "redis", "hitch.backplane.redis-uri", redis.uri(),
                "hitch.backplane.node-timeout-ms", "1000", "hitch.token.secret", SECRET);
        RedisBackplane backplane = new RedisBackplane(BackplaneConfig.from(key -> Optional.ofNullable(settings.get(key))),
                recovery);
        backplanes.add(backplane);
        PeerRegistry registry = new PeerRegistry(HitchConfig.defaults(), FlowConfig.defaults(), recovery,
                AccessConfig.from(key -> Optional.ofNullable(settings.get(key))), backplane,
                new Binder(JsonbBuilder.create()), new PeerRegistryTest.RecordingEvent<PeerConnected>(),
                new PeerRegistryTest.RecordingEvent<PeerDisconnected>());
        eventually("the node is connected", backplane::healthy);
        return registry;
    }

    private PeerSession connect(PeerRegistry node, boolean resuming) {
        return connect(node, new Handshake(null, "127.0.0.1", null, null, null, resuming));
    }

    private PeerSession connect(PeerRegistry node, Handshake handshake) {
        PeerRegistryTest.RecordingSink sink = new PeerRegistryTest.RecordingSink();
        PeerSession peer = node.open(sink, handshake,
                id -> "{\"route\":\"hitch.welcome\",\"data\":{\"peer\":\"" + id + "\"}}");
        sinks.put(peer, sink);
        return peer;
    }

    private List<String> texts(PeerSession peer) {
        return sinks.get(peer).after(1).stream()
                .map(frame -> Json.createReader(new StringReader(frame)).readObject().get("data").toString()).toList();
    }

    private String tokenOf(PeerSession peer) {
        return Json.createReader(new StringReader(sinks.get(peer).sent.get(0))).readObject()
                .getJsonObject("data").getString("resume");
    }

    private static void eventually(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + 30_000_000_000L; // generous: a loaded machine is slow, not wrong
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not " + what + " within 30 s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void aGroupBroadcastReachesItsMembersOnEveryNodeOnceEach() throws InterruptedException {
        PeerSession alice = connect(nodeA, false);
        PeerSession bob = connect(nodeB, false);
        PeerSession outsider = connect(nodeB, false);
        nodeA.group("room").join(alice);
        nodeB.group("room").join(bob);

        nodeA.group("room").broadcast("said", "hi");

        eventually("both members got it", () -> texts(alice).size() == 1 && texts(bob).size() == 1);
        Thread.sleep(200);
        assertEquals(List.of("\"hi\""), texts(alice));
        assertEquals(List.of("\"hi\""), texts(bob));
        assertEquals(List.of(), texts(outsider));
        assertEquals(sinks.get(alice).sent.get(1), sinks.get(bob).sent.get(1), "the same numbered frame");
    }

    @Test
    void aBroadcastToEveryoneCountsExactlyOncePerRecipientAcrossNodes() throws InterruptedException {
        List<PeerSession> everyone = List.of(connect(nodeA, false), connect(nodeA, false), connect(nodeB, false));
        for (int i = 0; i < 50; i++) {
            (i % 2 == 0 ? nodeA : nodeB).broadcast("tick", i);
        }

        eventually("everyone got 50", () -> everyone.stream().allMatch(p -> texts(p).size() >= 50));
        Thread.sleep(200);
        for (PeerSession peer : everyone) {
            assertEquals(50, texts(peer).stream().distinct().count());
            assertEquals(50, texts(peer).size());
        }
    }

    @Test
    void aPushByIdReachesAPeerOnTheOtherNode() {
        PeerSession bob = connect(nodeB, false);

        assertTrue(nodeA.push(bob.id(), "note", "across"));

        eventually("bob got it", () -> texts(bob).equals(List.of("\"across\"")));
        assertFalse(nodeA.push("nobody", "note", "lost"));
    }

    @Test
    void aServerRequestReachesAClientOnTheOtherNodeAndItsAnswerComesBack() throws Exception {
        PeerSession bob = connect(nodeB, false);
        eventually("node A sees bob", () -> nodeA.find(bob.id()).isPresent());

        var answer = nodeA.find(bob.id()).orElseThrow().request("confirm", "sure?", Boolean.class,
                java.time.Duration.ofSeconds(5)).toCompletableFuture();
        eventually("bob was asked", () -> sinks.get(bob).sent.size() == 2);
        JsonObject asked = Json.createReader(new StringReader(sinks.get(bob).sent.get(1))).readObject();
        assertEquals("confirm", asked.getString("route"));
        bob.answered(new io.hitch.protocol.FrameDecoder(64).decode("{\"re\":" + asked.get("id") + ",\"data\":true}"));

        assertEquals(true, answer.get(5, java.util.concurrent.TimeUnit.SECONDS));
    }

    @Test
    void aClientOfACrashedNodeResumesOnTheOtherAndGetsEveryPushItMissedOnce() {
        PeerSession alice = connect(nodeA, false);
        PeerSession bob = connect(nodeB, false);
        nodeA.group("room").join(alice);
        nodeB.group("room").join(bob);
        nodeB.group("room").broadcast("said", "seen");
        eventually("alice saw it", () -> texts(alice).size() == 1);
        JsonObject seen = Json.createReader(new StringReader(sinks.get(alice).sent.get(1))).readObject();
        backplanes.get(0).halt();

        for (int i = 0; i < 5; i++) {
            nodeB.group("room").broadcast("said", "missed " + i);
        }
        eventually("node A is found dead and alice gone",
                () -> backplanes.get(1).locate(alice.id()).isEmpty() && backplanes.get(1).nodes().size() == 1);
        PeerSession again = connect(nodeB, true);
        Recovery.Recovered done = nodeB.resume(again, tokenOf(alice),
                Map.of(seen.getString("stream"), seen.getJsonNumber("seq").longValue()));

        assertEquals(List.of("room"), done.groups());
        assertEquals(5, done.replayed());
        nodeB.group("room").broadcast("said", "live");
        eventually("the live push came", () -> texts(again).size() == 6);
        assertEquals(List.of("\"missed 0\"", "\"missed 1\"", "\"missed 2\"", "\"missed 3\"", "\"missed 4\"", "\"live\""),
                texts(again));
    }

    @Test
    void resumingFailsOnAnyNodeWhenRedisNoLongerKeepsEveryMissedPush() {
        RecoveryConfig keepTwo = RecoveryConfig.from(key -> Optional.ofNullable(
                Map.of("hitch.recovery.group-max-pushes", "2").get(key)));
        PeerRegistry small = node(keepTwo);
        PeerRegistry other = node(keepTwo);
        PeerSession alice = connect(small, false);
        small.group("room").join(alice);
        small.closed(alice, 1006, "");
        for (int i = 0; i < 3; i++) {
            other.group("room").broadcast("said", i);
        }

        PeerSession again = connect(other, true);
        eventually("the three pushes are published, the first no longer kept", () -> {
            var kept = backplanes.get(3).after("group:room", Long.MIN_VALUE, false);
            return kept.size() == 2 && kept.get(1).frame().contains("\"data\":2");
        });
        var failed = org.junit.jupiter.api.Assertions.assertThrows(io.hitch.api.RouteException.class,
                () -> other.resume(again, tokenOf(alice), Map.of()));

        assertEquals("some of the missed pushes are no longer kept", failed.getMessage());
    }

    @Test
    void aPeerOnADeadNodeIsGoneWithinTheNodeTimeout() {
        PeerSession alice = connect(nodeA, false);
        eventually("node B sees alice", () -> backplanes.get(1).locate(alice.id()).isPresent());
        long start = System.nanoTime();
        backplanes.get(0).halt();

        eventually("alice is gone", () -> backplanes.get(1).locate(alice.id()).isEmpty());
        assertTrue(System.nanoTime() - start < 3_000_000_000L, "within about twice the node timeout");
        assertFalse(nodeB.push(alice.id(), "note", "too late"));
    }

    @Test
    void whileRedisIsDownTheNodeIsNotReadyAndAfterwardsPushesFlowAgain() {
        PeerSession alice = connect(nodeA, false);
        PeerSession bob = connect(nodeB, false);
        redis.stop();

        eventually("node A is not ready", () -> !backplanes.get(0).healthy());
        nodeA.broadcast("lost", "during the outage");
        redis.start();
        eventually("both nodes are ready again", () -> backplanes.get(0).healthy() && backplanes.get(1).healthy());
        eventually("both nodes announced their peers again", () -> backplanes.get(1).locate(alice.id()).isPresent()
                && backplanes.get(0).locate(bob.id()).isPresent());

        assertTrue(nodeA.push(bob.id(), "note", "after the restart"));
        eventually("bob got it", () -> texts(bob).contains("\"after the restart\""));
        assertFalse(texts(bob).contains("\"during the outage\""));
    }

    @Test
    void aNodeListsThePeersOfTheOtherNodesWithWhatTheyConnectedWithButNotItsOwn() {
        PeerSession ada = connect(nodeB, new Handshake(() -> "ada", "10.0.0.7", "https://app.example", "agent", null));
        connect(nodeA, false);

        ClusterPresence cluster = backplanes.get(0).presence(10);

        assertEquals(List.of(new PeerPresence(ada.id(), backplanes.get(1).nodeId(), "ada", "10.0.0.7",
                "https://app.example", java.time.Instant.ofEpochMilli(ada.connectedAt().toEpochMilli()))), cluster.peers());
        assertEquals(Set.of(), cluster.truncated());
    }

    @Test
    void aNodeFindsWhatAPeerOfAnotherNodeConnectedWithByItsIdButNotItsOwnPeers() {
        PeerSession ada = connect(nodeB, new Handshake(() -> "ada", "10.0.0.7", null, null, null));

        assertEquals(Optional.of("ada"), backplanes.get(0).presenceOf(ada.id()).map(PeerPresence::user));
        assertEquals(Optional.empty(), backplanes.get(1).presenceOf(ada.id()));
    }

    @Test
    void aNodeListsAtMostTheAskedNumberOfAnotherNodesPeersAndSaysItCutThem() {
        for (int i = 0; i < 5; i++) {
            connect(nodeB, false);
        }

        ClusterPresence cluster = backplanes.get(0).presence(3);

        assertEquals(3, cluster.peers().size());
        assertEquals(Set.of(backplanes.get(1).nodeId()), cluster.truncated());
    }

    @Test
    void aPeerThatDisconnectedIsNoLongerListed() {
        PeerSession bob = connect(nodeB, false);
        nodeB.closed(bob, 1000, "bye");

        assertEquals(List.of(), backplanes.get(0).presence(10).peers());
    }

    @Test
    void closingAPeerFoundOnAnotherNodeClosesItThereWithTheCodeAndReason() {
        PeerSession bob = connect(nodeB, false);
        eventually("node A sees bob", () -> nodeA.find(bob.id()).isPresent());

        nodeA.find(bob.id()).orElseThrow().close(4000, "maintenance window");

        eventually("bob was closed", () -> sinks.get(bob).closes.equals(List.of("4000 maintenance window")));
    }
}
