package io.hitch.peers;

import io.hitch.api.PeerConnected;
import io.hitch.api.PeerDisconnected;
import io.hitch.api.RouteException;
import io.hitch.config.AccessConfig;
import io.hitch.config.FlowConfig;
import io.hitch.config.HitchConfig;
import io.hitch.config.RecoveryConfig;
import io.hitch.dispatch.Binder;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecoveryTest {

    private PeerRegistry registry = registry(Map.of());
    private final Map<PeerSession, PeerRegistryTest.RecordingSink> sinks = new HashMap<>();

    private static PeerRegistry registry(Map<String, String> settings) {
        return new PeerRegistry(HitchConfig.defaults(), FlowConfig.defaults(),
                RecoveryConfig.from(key -> Optional.ofNullable(settings.get(key))), AccessConfig.defaults(),
                new Binder(JsonbBuilder.create()), new PeerRegistryTest.RecordingEvent<PeerConnected>(),
                new PeerRegistryTest.RecordingEvent<PeerDisconnected>());
    }

    private PeerSession connect(boolean resuming) {
        PeerRegistryTest.RecordingSink sink = new PeerRegistryTest.RecordingSink();
        PeerSession peer = registry.open(sink, new Handshake(null, "127.0.0.1", null, null, null, resuming),
                id -> "{\"route\":\"hitch.welcome\",\"data\":{\"peer\":\"" + id + "\"}}");
        sinks.put(peer, sink);
        return peer;
    }

    private static JsonObject json(String frame) {
        return Json.createReader(new StringReader(frame)).readObject();
    }

    private String tokenOf(PeerSession peer) {
        return json(sinks.get(peer).sent.get(0)).getJsonObject("data").getString("resume");
    }

    /** @return the pushes a peer got after its welcome, as JSON */
    private List<JsonObject> pushes(PeerSession peer) {
        return sinks.get(peer).after(1).stream().map(RecoveryTest::json).toList();
    }

    /** @return "stream seq data" of each push after the welcome */
    private List<String> numbered(PeerSession peer) {
        return pushes(peer).stream().map(p -> p.getString("stream") + " " + p.getJsonNumber("seq").longValue()
                + " " + p.get("data")).toList();
    }

    private Map<String, Long> seenBy(PeerSession peer) {
        Map<String, Long> seen = new HashMap<>();
        for (JsonObject push : pushes(peer)) {
            seen.put(push.getString("stream"), push.getJsonNumber("seq").longValue());
        }
        return seen;
    }

    private void drop(PeerSession peer) {
        registry.closed(peer, 1006, "");
    }

    @Test
    void theWelcomeEndsWithAResumeToken() {
        PeerSession peer = connect(false);
        String welcome = sinks.get(peer).sent.get(0);

        assertTrue(welcome.matches("\\{\"route\":\"hitch.welcome\",\"data\":\\{\"peer\":\"" + peer.id()
                + "\",\"resume\":\"" + peer.id() + "\\.[A-Za-z0-9_-]{43}\"}}"), welcome);
    }

    @Test
    void aGroupBroadcastIsNumberedInTheGroupsStreamAndBuiltOnceForAllMembers() {
        PeerSession alice = connect(false);
        PeerSession bob = connect(false);
        registry.group("room").join(alice);
        registry.group("room").join(bob);

        registry.group("room").broadcast("said", "one");
        registry.group("room").broadcast("said", "two");

        List<JsonObject> got = pushes(alice);
        assertEquals("group:room", got.get(0).getString("stream"));
        assertEquals(got.get(0).getJsonNumber("seq").longValue() + 1, got.get(1).getJsonNumber("seq").longValue());
        assertSame(sinks.get(alice).sent.get(1), sinks.get(bob).sent.get(1));
    }

    @Test
    void aResumedClientGetsItsGroupsBackAndEveryMissedPushInOrderThenTheReply() {
        PeerSession watcher = connect(false);
        PeerSession alice = connect(false);
        registry.group("room").join(alice);
        registry.group("room").broadcast("said", "before");
        alice.push("note", "direct before");
        Map<String, Long> seen = seenBy(alice);
        drop(alice);

        registry.group("room").broadcast("said", "missed 1");
        assertFalse(registry.push(alice.id(), "note", "missed direct"));
        registry.broadcast("news", "missed to all");
        registry.group("room").broadcast("said", "missed 2");
        PeerSession again = connect(true);
        Recovery.Recovered done = registry.resume(again, tokenOf(alice), seen);

        assertEquals(new Recovery.Recovered(alice.id(), List.of("room"), 4), done);
        assertEquals(List.of("\"missed to all\"", "\"missed 1\"", "\"missed 2\"", "\"missed direct\""),
                pushes(again).stream().map(p -> p.get("data").toString()).toList());
        assertEquals(List.of("room"), List.copyOf(again.groups()));
        registry.group("room").broadcast("said", "live");
        assertEquals("\"live\"", pushes(again).get(4).get("data").toString());
        assertEquals(5, pushes(again).size());
        assertFalse(watcher.groups().contains("room"));
    }

    @Test
    void pushesTheClientAlreadyHasAreNotSentAgain() {
        PeerSession alice = connect(false);
        registry.group("room").join(alice);
        registry.group("room").broadcast("said", "1");
        registry.group("room").broadcast("said", "2");
        Map<String, Long> seen = seenBy(alice);
        drop(alice);
        registry.group("room").broadcast("said", "3");

        PeerSession again = connect(true);
        registry.resume(again, tokenOf(alice), seen);

        assertEquals(List.of("\"3\""), pushes(again).stream().map(p -> p.get("data").toString()).toList());
    }

    @Test
    void aClientCannotClaimPushesFromBeforeItJoined() {
        PeerSession alice = connect(false);
        registry.group("room").broadcast("said", "private, before alice joined");
        registry.group("room").join(alice);
        drop(alice);

        PeerSession again = connect(true);
        registry.resume(again, tokenOf(alice), Map.of("group:room", 0L));

        assertEquals(List.of(), pushes(again));
    }

    @Test
    void aBroadcastThatSkippedTheSenderIsNotReplayedToIt() {
        PeerSession alice = connect(false);
        PeerSession bob = connect(false);
        registry.group("room").join(alice);
        registry.group("room").join(bob);
        String token = tokenOf(alice);
        PeerSession stale = alice;
        registry.group("room").broadcast("typing", "alice", stale);
        drop(alice);

        PeerSession again = connect(true);
        assertEquals(0, registry.resume(again, token, Map.of()).replayed());
        assertEquals(1, pushes(bob).size());
    }

    @Test
    void pushesPublishedDuringTheResumeArriveExactlyOnceAndInOrder() throws Exception {
        PeerSession alice = connect(false);
        registry.group("room").join(alice);
        registry.group("room").broadcast("n", 0);
        Map<String, Long> seen = seenBy(alice);
        drop(alice);
        AtomicBoolean stop = new AtomicBoolean();
        Thread publisher = new Thread(() -> {
            for (int i = 1; !stop.get() || i < 200; i++) {
                registry.group("room").broadcast("n", i);
            }
        });
        publisher.start();
        PeerSession again = connect(true);
        registry.resume(again, tokenOf(alice), seen);
        stop.set(true);
        publisher.join();

        List<Integer> numbers = new ArrayList<>();
        pushes(again).forEach(p -> numbers.add(p.getInt("data")));
        for (int i = 0; i < numbers.size(); i++) {
            assertEquals(i + 1, numbers.get(i), "push " + i + " of " + numbers);
        }
        assertTrue(numbers.size() >= 199);
    }

    @Test
    void aConnectionOpenedToResumeGetsNoBroadcastsUntilItResumes() {
        PeerSession again = connect(true);
        registry.broadcast("news", "while held");

        assertEquals(List.of(), pushes(again));
        again.push("note", "its own pushes are not held");
        assertEquals(1, pushes(again).size());
    }

    @Test
    void aConnectionThatDoesNotResumeInTimeGetsWhatWasHeldBackAndStartsFresh() {
        PeerSession again = connect(true);
        registry.broadcast("news", "while held");

        registry.upkeep(0);

        assertEquals(List.of("\"while held\""), pushes(again).stream().map(p -> p.get("data").toString()).toList());
        RouteException late = assertThrows(RouteException.class, () -> registry.resume(again, "x.y", Map.of()));
        assertEquals("recovery_failed", late.code());
    }

    @Test
    void aForgedTokenFailsClearlyAndTheConnectionStartsFresh() {
        PeerSession alice = connect(false);
        registry.group("room").join(alice);
        drop(alice);
        PeerSession mallory = connect(true);
        registry.broadcast("news", "held");

        RouteException refused = assertThrows(RouteException.class,
                () -> registry.resume(mallory, alice.id() + ".forged", Map.of()));

        assertEquals("recovery_failed", refused.code());
        assertEquals("the resume token is not valid", refused.getMessage());
        assertEquals(List.of(), List.copyOf(mallory.groups()));
        assertEquals(1, pushes(mallory).size());
        PeerSession owner = connect(true);
        assertEquals(List.of("room"), registry.resume(owner, tokenOf(alice), Map.of()).groups());
    }

    @Test
    void aTokenResumesOnce() {
        PeerSession alice = connect(false);
        drop(alice);
        registry.resume(connect(true), tokenOf(alice), Map.of());

        RouteException twice = assertThrows(RouteException.class,
                () -> registry.resume(connect(true), tokenOf(alice), Map.of()));
        assertTrue(twice.getMessage().startsWith("nothing to resume"), twice.getMessage());
    }

    @Test
    void recoveryFailsWhenMissedPushesAreNoLongerKept() {
        registry = registry(Map.of("hitch.recovery.group-max-pushes", "2"));
        PeerSession alice = connect(false);
        registry.group("room").join(alice);
        drop(alice);
        for (int i = 0; i < 3; i++) {
            registry.group("room").broadcast("n", i);
        }

        PeerSession again = connect(true);
        RouteException failed = assertThrows(RouteException.class,
                () -> registry.resume(again, tokenOf(alice), Map.of()));

        assertEquals("some of the missed pushes are no longer kept", failed.getMessage());
        assertEquals(List.of(), List.copyOf(again.groups()));
    }

    @Test
    void recoveryFailsAfterTheWindow() throws InterruptedException {
        registry = registry(Map.of("hitch.recovery.window-ms", "1"));
        PeerSession alice = connect(false);
        drop(alice);
        Thread.sleep(20);

        RouteException failed = assertThrows(RouteException.class,
                () -> registry.resume(connect(true), tokenOf(alice), Map.of()));
        assertTrue(failed.getMessage().startsWith("nothing to resume"), failed.getMessage());
    }

    @Test
    void aResumeTakesOverAConnectionTheServerStillThinksIsOpen() {
        PeerSession alice = connect(false);
        registry.group("room").join(alice);

        PeerSession again = connect(true);
        registry.resume(again, tokenOf(alice), Map.of());

        assertFalse(alice.isOpen());
        assertEquals(List.of("4000 resumed by a new connection"), sinks.get(alice).closes);
        assertEquals(List.of("room"), List.copyOf(again.groups()));
    }

    @Test
    void aMemberThatLeftGetsNothingUntilItJoinsAgainAndThenOnlyWhatFollows() {
        PeerSession alice = connect(false);
        registry.group("room").join(alice);
        registry.group("room").broadcast("said", "1");
        registry.group("room").leave(alice);
        registry.group("room").broadcast("said", "2 while away");
        registry.group("room").join(alice);
        registry.group("room").broadcast("said", "3");

        assertEquals(List.of("\"1\"", "\"3\""), pushes(alice).stream().map(p -> p.get("data").toString()).toList());
        Map<String, Long> seen = seenBy(alice);
        drop(alice);
        registry.group("room").broadcast("said", "4 missed");
        PeerSession again = connect(true);
        registry.resume(again, tokenOf(alice), seen);
        assertEquals(List.of("\"4 missed\""), pushes(again).stream().map(p -> p.get("data").toString()).toList());
    }

    @Test
    void aBroadcastToEveryoneSkipsTheSenderAndHeldPeersAndReachesLaterPeersOnlyAfterTheyConnected() {
        PeerSession alice = connect(false);
        PeerSession bob = connect(false);
        registry.broadcast("news", "1", alice);
        PeerSession held = connect(true);
        PeerSession carol = connect(false);
        registry.broadcast("news", "2");

        assertEquals(List.of("all \"2\""), numbered(alice).stream().map(n -> n.replaceAll(" \\d+ ", " ")).toList());
        assertEquals(List.of("\"1\"", "\"2\""), pushes(bob).stream().map(p -> p.get("data").toString()).toList());
        assertEquals(List.of("\"2\""), pushes(carol).stream().map(p -> p.get("data").toString()).toList());
        assertEquals(List.of(), pushes(held));
        registry.upkeep(0);
        assertEquals(List.of("\"2\""), pushes(held).stream().map(p -> p.get("data").toString()).toList());
    }

    @Test
    void aPushToAnUnknownPeerIsNotKept() {
        PeerSession alice = connect(false);
        drop(alice);

        assertFalse(registry.push("nobody", "note", "lost"));
        assertArrayEquals(new int[] {1, 1}, registry.retainedSizes(), "everyone's stream and alice's departure only");
    }

    @Test
    void withRecoveryOffTheWireIsUnchanged() {
        registry = registry(Map.of("hitch.recovery.window-ms", "0"));
        PeerSession alice = connect(false);
        registry.group("room").join(alice);
        registry.group("room").broadcast("said", "hi");

        assertEquals("{\"route\":\"hitch.welcome\",\"data\":{\"peer\":\"" + alice.id() + "\"}}", sinks.get(alice).sent.get(0));
        assertEquals(List.of("{\"route\":\"said\",\"data\":\"hi\"}"), sinks.get(alice).after(1));
        assertEquals("recovery is turned off on this server", assertThrows(RouteException.class,
                () -> registry.resume(connect(true), "a.b", Map.of())).getMessage());
    }
}
