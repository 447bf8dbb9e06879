package io.hitch.peers;

import io.hitch.api.Group;
import io.hitch.api.Peer;
import io.hitch.api.PeerConnected;
import io.hitch.api.PeerDisconnected;
import io.hitch.api.RouteException;
import io.hitch.config.HitchConfig;
import io.hitch.dispatch.Binder;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.Test;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PeerRegistryTest {

    /** A connection's sink: keeps every frame sent (the very String instances) and the close. */
    static final class RecordingSink implements FrameSink {
        final List<String> sent = new CopyOnWriteArrayList<>();
        final List<String> closes = new CopyOnWriteArrayList<>();

        @Override
        public void send(String frame, Consumer<Throwable> done) {
            sent.add(frame);
            done.accept(null);
        }

        @Override
        public void close(int code, String reason) {
            closes.add(code + " " + reason);
        }

        List<String> after(int skip) {
            return sent.subList(skip, sent.size());
        }
    }

    /** Synchronous event: records what was fired and runs an optional observer. */
    static final class RecordingEvent<T> implements Event<T> {
        final List<T> fired = new CopyOnWriteArrayList<>();
        Consumer<T> observer = event -> { };

        @Override
        public void fire(T event) {
            fired.add(event);
            observer.accept(event);
        }

        @Override
        public <U extends T> CompletionStage<U> fireAsync(U event) {
            throw new UnsupportedOperationException("Hitch fires its events synchronously");
        }

        @Override
        public <U extends T> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
            throw new UnsupportedOperationException("Hitch fires its events synchronously");
        }

        @Override
        public Event<T> select(Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends T> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends T> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }
    }

    private static final String WELCOME_PREFIX = "{\"route\":\"hitch.welcome\"";

    private final RecordingEvent<PeerConnected> connected = new RecordingEvent<>();
    private final RecordingEvent<PeerDisconnected> disconnected = new RecordingEvent<>();
    private final PeerRegistry registry = new PeerRegistry(HitchConfig.defaults(),
            new Binder(JsonbBuilder.create()), connected, disconnected);
    private final Map<Peer, RecordingSink> sinks = new java.util.HashMap<>();

    private PeerSession connect() {
        RecordingSink sink = new RecordingSink();
        PeerSession peer = registry.open(sink, new Handshake(null, "127.0.0.1", null, null), PeerRegistryTest::welcome);
        sinks.put(peer, sink);
        return peer;
    }

    private static String welcome(String peerId) {
        return WELCOME_PREFIX + ",\"data\":{\"peer\":\"" + peerId + "\"}}";
    }

    /** @return the frames a peer got after its welcome */
    private List<String> received(Peer peer) {
        return sinks.get(peer).after(1);
    }

    // ---- open -------------------------------------------------------------------------------

    @Test
    void aNewPeerGetsItsWelcomeAsItsFirstFrame() {
        PeerSession peer = connect();

        assertEquals(List.of(welcome(peer.id())), sinks.get(peer).sent);
        assertTrue(peer.isOpen());
        assertSame(peer, registry.find(peer.id()).orElseThrow());
    }

    @Test
    void peerIdsAreUniqueAndUrlSafe() {
        Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            String id = connect().id();
            assertTrue(id.matches("[A-Za-z0-9_-]{22}"), id);
            ids.add(id);
        }
        assertEquals(200, ids.size());
    }

    @Test
    void peerConnectedIsFiredOnceAfterTheWelcomeWasSent() {
        List<List<String>> sentWhenFired = new ArrayList<>();
        RecordingSink sink = new RecordingSink();
        connected.observer = event -> sentWhenFired.add(List.copyOf(sink.sent));

        PeerSession peer = registry.open(sink, new Handshake(null, "127.0.0.1", null, null), PeerRegistryTest::welcome);

        assertEquals(1, connected.fired.size());
        assertSame(peer, connected.fired.get(0).peer());
        assertEquals(List.of(List.of(welcome(peer.id()))), sentWhenFired);
    }

    @Test
    void aPushFromAPeerConnectedObserverArrivesAfterTheWelcome() {
        connected.observer = event -> event.peer().push("motd", Map.of("text", "hi"));

        PeerSession peer = connect();

        assertEquals(List.of(welcome(peer.id()), "{\"route\":\"motd\",\"data\":{\"text\":\"hi\"}}"),
                sinks.get(peer).sent);
    }

    @Test
    void aFailingPeerConnectedObserverDoesNotFailTheConnection() {
        connected.observer = event -> {
            throw new IllegalStateException("observer bug");
        };

        PeerSession peer = connect();

        assertTrue(registry.find(peer.id()).isPresent());
        assertTrue(peer.isOpen());
    }

    @Test
    void aBroadcastRacingANewConnectionNeverReachesItBeforeItsWelcome() {
        // The welcome is built while the connection opens; a broadcast from another thread may run
        // at that moment. Simulate that interleaving deterministically from inside the welcome builder.
        RecordingSink sink = new RecordingSink();

        registry.open(sink, new Handshake(null, "127.0.0.1", null, null), id -> {
            registry.broadcast("news", "racing");
            return welcome(id);
        });

        assertFalse(sink.sent.isEmpty());
        assertTrue(sink.sent.get(0).startsWith(WELCOME_PREFIX),
                "the welcome must be the first frame of every connection, got " + sink.sent);
    }

    // ---- push and broadcast -----------------------------------------------------------------

    @Test
    void pushByIdReachesThatPeerOnly() {
        PeerSession alice = connect();
        PeerSession bob = connect();

        assertTrue(registry.push(bob.id(), "note", Map.of("n", 1)));

        assertEquals(List.of("{\"route\":\"note\",\"data\":{\"n\":1}}"), received(bob));
        assertEquals(List.of(), received(alice));
    }

    @Test
    void pushToAnUnknownOrNullIdReturnsFalse() {
        connect();

        assertFalse(registry.push("no-such-peer", "note", 1));
        assertFalse(registry.push(null, "note", 1));
        assertTrue(registry.find(null).isEmpty());
    }

    @Test
    void broadcastReachesEveryConnectedPeerWithOneSerializedFrame() {
        PeerSession alice = connect();
        PeerSession bob = connect();
        PeerSession carol = connect();

        registry.broadcast("news", Map.of("text", "hello"));

        String frame = received(alice).get(0);
        assertEquals("{\"route\":\"news\",\"data\":{\"text\":\"hello\"}}", frame);
        assertSame(frame, received(bob).get(0), "serialized once, the same text for everyone");
        assertSame(frame, received(carol).get(0), "serialized once, the same text for everyone");
    }

    @Test
    void broadcastExceptSkipsOnlyThatPeer() {
        PeerSession alice = connect();
        PeerSession bob = connect();
        PeerSession carol = connect();

        registry.broadcast("news", "x", alice);

        assertEquals(List.of(), received(alice));
        assertEquals(List.of("{\"route\":\"news\",\"data\":\"x\"}"), received(bob));
        assertEquals(List.of("{\"route\":\"news\",\"data\":\"x\"}"), received(carol));
    }

    @Test
    void aClosedPeerGetsNoBroadcast() {
        PeerSession alice = connect();
        PeerSession bob = connect();
        registry.closed(bob, 1000, "");

        registry.broadcast("news", "x");

        assertEquals(1, received(alice).size());
        assertEquals(List.of(), received(bob));
    }

    // ---- groups -----------------------------------------------------------------------------

    @Test
    void aJoinedPeerIsAMemberAndKnowsItsGroups() {
        PeerSession alice = connect();
        Group room = registry.group("room.a");

        assertTrue(room.join(alice));

        assertEquals("room.a", room.name());
        assertEquals(Set.of(alice), room.members());
        assertEquals(1, room.size());
        assertEquals(Set.of("room.a"), alice.groups());
        assertEquals(Set.of("room.a"), registry.groups());
    }

    @Test
    void joiningTwiceReturnsFalseAndKeepsOneMembership() {
        PeerSession alice = connect();
        Group room = registry.group("room.a");
        room.join(alice);

        assertFalse(room.join(alice));
        assertFalse(registry.group("room.a").join(alice), "a new handle on the same group says the same");

        assertEquals(1, room.size());
    }

    @Test
    void leavingRemovesOnlyThatPeer() {
        PeerSession alice = connect();
        PeerSession bob = connect();
        Group room = registry.group("room.a");
        room.join(alice);
        room.join(bob);

        assertTrue(room.leave(alice));

        assertEquals(Set.of(bob), room.members());
        assertEquals(Set.of(), alice.groups());
        assertEquals(Set.of("room.a"), bob.groups());
    }

    @Test
    void leavingAGroupOneIsNotInReturnsFalse() {
        PeerSession alice = connect();
        PeerSession bob = connect();
        registry.group("room.a").join(bob);

        assertFalse(registry.group("room.a").leave(alice));
        assertFalse(registry.group("room.b").leave(alice));

        assertEquals(Set.of("room.a"), registry.groups(), "a leave must not create a group");
    }

    @Test
    void aGroupVanishesWhenItsLastMemberLeaves() {
        PeerSession alice = connect();
        PeerSession bob = connect();
        Group room = registry.group("room.a");
        room.join(alice);
        room.join(bob);

        room.leave(alice);
        assertEquals(Set.of("room.a"), registry.groups());
        room.leave(bob);

        assertEquals(Set.of(), registry.groups());
        assertEquals(Set.of(), room.members());
        assertEquals(0, room.size());
    }

    @Test
    void aGroupThatVanishedCanBeJoinedAgainThroughTheSameHandle() {
        PeerSession alice = connect();
        Group room = registry.group("room.a");
        room.join(alice);
        room.leave(alice);

        assertTrue(room.join(alice));

        assertEquals(Set.of(alice), room.members());
        assertEquals(Set.of("room.a"), registry.groups());
    }

    @Test
    void aGroupWithoutMembersIsNotListed() {
        registry.group("never.joined");

        assertEquals(Set.of(), registry.groups());
        assertEquals(0, registry.group("never.joined").size());
    }

    @Test
    void aPeerCanBeInSeveralGroups() {
        PeerSession alice = connect();

        registry.group("a").join(alice);
        registry.group("b").join(alice);

        assertEquals(Set.of("a", "b"), alice.groups());
        assertEquals(Set.of("a", "b"), registry.groups());
    }

    @Test
    void aClosedPeerCannotJoin() {
        PeerSession alice = connect();
        registry.closed(alice, 1000, "");

        assertFalse(registry.group("room.a").join(alice));

        assertEquals(Set.of(), registry.groups());
    }

    @Test
    void aDisconnectedPeerIsNoLongerAMemberSoLeavingReturnsFalse() {
        PeerSession alice = connect();
        registry.group("room.a").join(alice);
        registry.closed(alice, 1000, "");

        assertFalse(registry.group("room.a").leave(alice), "it left every group when it disconnected");
        assertEquals(Set.of("room.a"), alice.groups(), "PeerDisconnected observers still see the groups it was in");
    }

    @Test
    void aGroupNeedsANonEmptyName() {
        assertThrows(IllegalArgumentException.class, () -> registry.group(null));
        assertThrows(IllegalArgumentException.class, () -> registry.group(""));
    }

    @Test
    void aPeerFromElsewhereIsRefused() {
        Peer stranger = (Peer) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Peer.class},
                (proxy, method, args) -> method.getName().equals("id") ? "stranger" : null);

        assertThrows(IllegalArgumentException.class, () -> registry.group("room.a").join(stranger));
        assertThrows(IllegalArgumentException.class, () -> registry.group("room.a").leave(stranger));
    }

    @Test
    void groupBroadcastReachesExactlyTheMembersWithTheIdenticalFrame() {
        PeerSession alice = connect();
        PeerSession bob = connect();
        PeerSession outsider = connect();
        Group room = registry.group("room.a");
        room.join(alice);
        room.join(bob);

        room.broadcast("said", Map.of("text", "hi"));

        assertEquals(List.of("{\"route\":\"said\",\"data\":{\"text\":\"hi\"}}"), received(alice));
        assertSame(received(alice).get(0), received(bob).get(0), "serialized once");
        assertEquals(List.of(), received(outsider));
    }

    @Test
    void groupBroadcastExceptSkipsThatMember() {
        PeerSession alice = connect();
        PeerSession bob = connect();
        PeerSession carol = connect();
        Group room = registry.group("room.a");
        room.join(alice);
        room.join(bob);
        room.join(carol);

        room.broadcast("said", "x", alice);

        assertEquals(List.of(), received(alice));
        assertEquals(List.of("{\"route\":\"said\",\"data\":\"x\"}"), received(bob));
        assertSame(received(bob).get(0), received(carol).get(0));
    }

    @Test
    void groupBroadcastExceptANonMemberReachesEveryMember() {
        PeerSession alice = connect();
        PeerSession bob = connect();
        PeerSession outsider = connect();
        Group room = registry.group("room.a");
        room.join(alice);
        room.join(bob);

        room.broadcast("said", "x", outsider);

        assertEquals(1, received(alice).size());
        assertEquals(1, received(bob).size());
        assertEquals(List.of(), received(outsider));
    }

    @Test
    void broadcastToAnEmptyGroupSendsNothing() {
        PeerSession alice = connect();

        registry.group("empty").broadcast("said", "x");

        assertEquals(List.of(), received(alice));
        assertEquals(Set.of(), registry.groups(), "a broadcast must not create a group");
    }

    @Test
    void aMemberThatLeftGetsNoGroupBroadcast() {
        PeerSession alice = connect();
        PeerSession bob = connect();
        Group room = registry.group("room.a");
        room.join(alice);
        room.join(bob);
        room.leave(bob);

        room.broadcast("said", "x");

        assertEquals(1, received(alice).size());
        assertEquals(List.of(), received(bob));
    }

    // ---- close ------------------------------------------------------------------------------

    @Test
    void aClosedPeerIsForgottenAndNoLongerOpen() {
        PeerSession alice = connect();

        registry.closed(alice, 1000, "done");

        assertTrue(registry.find(alice.id()).isEmpty());
        assertFalse(registry.all().contains(alice));
        assertFalse(alice.isOpen());
    }

    @Test
    void closingRemovesThePeerFromEveryGroupAndEmptyGroupsVanish() {
        PeerSession alice = connect();
        PeerSession bob = connect();
        registry.group("shared").join(alice);
        registry.group("shared").join(bob);
        registry.group("alone").join(alice);

        registry.closed(alice, 1000, "");

        assertEquals(Set.of(bob), registry.group("shared").members());
        assertEquals(0, registry.group("alone").size());
        assertEquals(Set.of("shared"), registry.groups());
    }

    @Test
    void peerDisconnectedIsFiredOnceWithTheCloseCodeAndReason() {
        PeerSession alice = connect();

        registry.closed(alice, 4001, "bye");
        registry.closed(alice, 1006, "again");

        assertEquals(List.of(new PeerDisconnected(alice, 4001, "bye")), disconnected.fired);
    }

    @Test
    void aMissingCloseReasonIsReportedAsEmpty() {
        PeerSession alice = connect();

        registry.closed(alice, 1006, null);

        assertEquals("", disconnected.fired.get(0).reason());
    }

    @Test
    void peerDisconnectedIsFiredAfterThePeerLeftItsGroupsAndStillNamesThem() {
        PeerSession alice = connect();
        PeerSession bob = connect();
        registry.group("shared").join(alice);
        registry.group("shared").join(bob);
        registry.group("alone").join(alice);
        List<String> seen = new ArrayList<>();
        disconnected.observer = event -> {
            seen.add("groups=" + new java.util.TreeSet<>(event.peer().groups()));
            seen.add("shared has alice=" + registry.group("shared").members().contains(alice));
            seen.add("registry groups=" + new java.util.TreeSet<>(registry.groups()));
            seen.add("open=" + event.peer().isOpen());
        };

        registry.closed(alice, 1000, "");

        assertEquals(List.of("groups=[alone, shared]", "shared has alice=false", "registry groups=[shared]",
                "open=false"), seen);
    }

    @Test
    void closingFailsTheServersPendingRequestsWithUnavailableBeforePeerDisconnected() {
        PeerSession alice = connect();
        CompletableFuture<JsonValue> pending = alice.ask("confirm", "{}", null, Duration.ofMinutes(5));
        List<Boolean> failedWhenFired = new ArrayList<>();
        disconnected.observer = event -> failedWhenFired.add(pending.isCompletedExceptionally());

        registry.closed(alice, 1001, "");

        assertEquals(List.of(true), failedWhenFired);
        assertEquals("unavailable", failure(pending).code());
    }

    @Test
    void aRequestToAClosedPeerFailsAtOnceWithUnavailableAndSendsNothing() {
        PeerSession alice = connect();
        registry.closed(alice, 1000, "");

        CompletionStage<Boolean> answer = alice.request("confirm", Map.of(), Boolean.class, Duration.ofMinutes(5));

        assertEquals("unavailable", failure(answer.toCompletableFuture()).code());
        assertEquals(List.of(), received(alice));
    }

    @Test
    void aFailingPeerDisconnectedObserverStillLeavesThePeerForgotten() {
        PeerSession alice = connect();
        registry.group("room.a").join(alice);
        disconnected.observer = event -> {
            throw new IllegalStateException("observer bug");
        };

        registry.closed(alice, 1000, "");

        assertTrue(registry.find(alice.id()).isEmpty());
        assertEquals(Set.of(), registry.groups());
    }

    @Test
    void closingAPeerTheRegistryNeverHadFiresNothing() {
        PeerRegistry other = new PeerRegistry(HitchConfig.defaults(), new Binder(JsonbBuilder.create()),
                new RecordingEvent<>(), new RecordingEvent<>());
        PeerSession foreign = other.open(new RecordingSink(), new Handshake(null, "127.0.0.1", null, null),
                PeerRegistryTest::welcome);

        registry.closed(foreign, 1000, "");

        assertEquals(List.of(), disconnected.fired);
        assertTrue(foreign.isOpen(), "only its own registry closes it");
    }

    @Test
    void shutdownClosesEveryPeerAsGoingAway() {
        PeerSession alice = connect();
        PeerSession bob = connect();

        registry.shutdown();

        assertEquals(List.of("1001 server shutting down"), sinks.get(alice).closes);
        assertEquals(List.of("1001 server shutting down"), sinks.get(bob).closes);
    }

    // ---- server requests through a peer ---------------------------------------------------

    @Test
    void aServerRequestIsSentWithTheNextIdAndCompletesWithTheAnswer() throws Exception {
        PeerSession alice = connect();

        CompletableFuture<JsonValue> first = alice.ask("confirm", "{\"q\":1}", null, Duration.ofMinutes(5));
        CompletableFuture<JsonValue> second = alice.ask("confirm", null, "caller-id", Duration.ofMinutes(5));

        assertEquals(List.of("{\"route\":\"confirm\",\"id\":1,\"data\":{\"q\":1}}",
                "{\"route\":\"confirm\",\"id\":2,\"from\":\"caller-id\"}"), received(alice));
        assertTrue(alice.answered(new io.hitch.protocol.Frame.Reply(io.hitch.protocol.MessageId.of(2), JsonValue.TRUE)));
        assertEquals(JsonValue.TRUE, second.get(5, TimeUnit.SECONDS));
        assertFalse(first.isDone());
    }

    private static RouteException failure(CompletableFuture<?> future) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(5, TimeUnit.SECONDS));
        Throwable cause = e.getCause();
        while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        assertNotNull(cause);
        return assertInstanceOf(RouteException.class, cause);
    }
}
