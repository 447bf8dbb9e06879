package io.hitch.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReconnectTest {

    private static final Reconnect QUICK = new Reconnect(Duration.ofMillis(10), Duration.ofMillis(40), 2,
            Reconnect.Jitter.NONE, 10);

    @Test
    void theBackoffGrowsByItsFactorUpToItsMaximum() {
        Reconnect r = new Reconnect(Duration.ofMillis(500), Duration.ofSeconds(15), 2, Reconnect.Jitter.NONE, 10);
        assertEquals(List.of(500L, 1000L, 2000L, 4000L, 8000L, 15000L, 15000L),
                java.util.stream.IntStream.rangeClosed(1, 7).mapToObj(n -> r.delay(n, () -> 0.5).toMillis()).toList());
    }

    @Test
    void equalJitterWaitsBetweenHalfTheBackoffAndAllOfIt() {
        Reconnect r = Reconnect.DEFAULT;
        assertEquals(500, r.delay(2, () -> 0).toMillis());
        assertEquals(1000, r.delay(2, () -> 0.999999).toMillis());
    }

    @Test
    void fullJitterWaitsAnythingUpToTheBackoff() {
        Reconnect r = new Reconnect(Duration.ofMillis(500), Duration.ofSeconds(15), 2, Reconnect.Jitter.FULL, 10);
        assertEquals(0, r.delay(3, () -> 0).toMillis());
        assertEquals(1000, r.delay(3, () -> 0.5).toMillis());
    }

    @Test
    void aDroppedConnectionIsReopenedAndCallsMadeMeanwhileGoOutOnTheNewOne() {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        FakeTransport transport = new FakeTransport();
        try (HitchClient client = transport.client(HitchOptions.builder().reconnect(QUICK).listener(new ConnectionListener() {
            @Override
            public void closed(int code, String reason) {
                events.add("closed " + code);
            }

            @Override
            public void reconnecting(int attempt, Duration delay) {
                events.add("reconnecting " + attempt + " after " + delay.toMillis());
            }
        }).build())) {
            transport.nextAttempt().welcome("first").drop(1001, "going away");
            CompletableFuture<Integer> meanwhile = client.request("echo", 7, Integer.class);
            transport.nextAttempt().refuse(new HitchException("unavailable", "HTTP 503", null));
            FakeTransport.Connection third = transport.nextAttempt().welcome("third");
            assertEquals("{\"route\":\"echo\",\"id\":1,\"data\":7}", third.nextSent());
            third.say("{\"re\":1,\"data\":7}");
            assertEquals(7, meanwhile.join());
            assertEquals("third", client.peerId().orElseThrow());
            // The listener runs on the client's own thread: wait for its four events.
            assertEquals(List.of("closed 1001", "reconnecting 1 after 10", "closed 1006", "reconnecting 2 after 20"),
                    take(events, 4));
        }
    }

    private static List<String> take(BlockingQueue<String> events, int count) {
        List<String> taken = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                String event = events.poll(5, java.util.concurrent.TimeUnit.SECONDS);
                if (event == null) {
                    break;
                }
                taken.add(event);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return taken;
    }

    @Test
    void withoutReconnectsADropClosesTheClientAndFailsQueuedCalls() throws Exception {
        FakeTransport transport = new FakeTransport();
        HitchClient client = transport.client(HitchOptions.builder().reconnect(Reconnect.NEVER).build());
        CompletableFuture<Integer> queued = client.request("echo", 1, Integer.class);
        transport.nextAttempt().refuse(new HitchException("unavailable", "refused: HTTP 401", null));
        CompletionException e = assertThrows(CompletionException.class, queued::join);
        assertEquals(HitchException.DISCONNECTED, HitchException.of(e).code());
        assertEquals("refused: HTTP 401", HitchException.of(assertThrows(CompletionException.class,
                () -> client.welcome().join())).getMessage());
        assertEquals(HitchClient.State.CLOSED, client.state());
        assertFalse(transport.attemptWithin(100));
    }

    @Test
    void closingWhileWaitingToReconnectStopsTheAttempts() throws Exception {
        FakeTransport transport = new FakeTransport();
        HitchClient client = transport.client(HitchOptions.builder().reconnect(
                new Reconnect(Duration.ofMillis(200), Duration.ofMillis(200), 1, Reconnect.Jitter.NONE, 10)).build());
        transport.nextAttempt().welcome("p1").drop(1006, "");
        assertEquals(HitchClient.State.RECONNECTING, client.state());
        client.close();
        assertEquals(HitchClient.State.CLOSED, client.state());
        assertFalse(transport.attemptWithin(400));
    }

    @Test
    void aFreshConnectTokenIsOfferedOnEveryAttempt() {
        AtomicInteger tokens = new AtomicInteger();
        FakeTransport transport = new FakeTransport();
        try (HitchClient client = transport.client(HitchOptions.builder().reconnect(QUICK)
                .token(() -> "t" + tokens.incrementAndGet()).header("Origin", "https://app.example").build())) {
            FakeTransport.Connection first = transport.nextAttempt();
            assertEquals(List.of("hitch.v1", "hitch.token.t1"), first.subprotocols);
            assertEquals("https://app.example", first.headers.get("Origin"));
            first.welcome("p1").drop(1006, "");
            assertEquals(List.of("hitch.v1", "hitch.token.t2"), transport.nextAttempt().subprotocols);
        }
    }

    @Test
    void aTokenSourceGivingNoUsableTokenFailsTheAttemptWithoutOpeningASocket() throws Exception {
        FakeTransport transport = new FakeTransport();
        HitchClient client = transport.client(HitchOptions.builder().reconnect(Reconnect.NEVER).token(() -> "a b").build());
        HitchException e = HitchException.of(assertThrows(CompletionException.class, () -> client.welcome().join()));
        assertEquals("unavailable", e.code());
        assertFalse(transport.attemptWithin(100));
    }

    @Test
    void anEndpointThatIsNotAWebSocketUriIsRefusedAtOnce() {
        assertThrows(IllegalArgumentException.class,
                () -> HitchClient.connect(java.net.URI.create("http://localhost:9080/ws")));
    }

    @Test
    void aCloseCodeAClientMayNotSendIsRefused() {
        FakeTransport transport = new FakeTransport();
        try (HitchClient client = transport.client(HitchOptions.defaults())) {
            assertThrows(IllegalArgumentException.class, () -> client.close(1001, "going away"));
            assertEquals(HitchClient.State.CONNECTING, client.state());
        }
    }

    @Test
    void relaySendsHitchRelayAndWaitsASecondLongerThanTheServer() {
        FakeTransport transport = new FakeTransport();
        try (HitchClient client = transport.client(HitchOptions.builder().build())) {
            FakeTransport.Connection c = transport.nextAttempt().welcome("p1");
            CompletableFuture<String> answer = client.relay("peer-2", "test.dm", "hi", String.class, Duration.ofMillis(50));
            assertEquals("{\"route\":\"hitch.relay\",\"id\":1,\"data\":{\"peer\":\"peer-2\",\"route\":\"test.dm\","
                    + "\"data\":\"hi\",\"timeoutMs\":50}}", c.nextSent());
            long start = System.nanoTime();
            CompletionException e = assertThrows(CompletionException.class, answer::join);
            assertEquals("timeout", HitchException.of(e).code());
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(900), "waited the grace second");
        }
    }

    @Test
    void aSilentConnectionIsPingedAndClosedWith4000WhenThePingIsNotAnswered() {
        FakeTransport transport = new FakeTransport();
        try (HitchClient client = transport.client(HitchOptions.builder().reconnect(QUICK)
                .heartbeat(Duration.ofMillis(50)).timeout(Duration.ofMillis(100)).build())) {
            FakeTransport.Connection c = transport.nextAttempt().welcome("p1");
            assertEquals("{\"route\":\"hitch.ping\",\"id\":1}", c.nextSent());
            FakeTransport.Connection next = transport.nextAttempt();
            assertEquals(4000, c.closedWith);
            assertEquals(HitchClient.State.RECONNECTING, client.state());
            next.welcome("p2");
        }
    }

    @Test
    void anAnsweredPingKeepsTheConnection() throws Exception {
        FakeTransport transport = new FakeTransport();
        try (HitchClient client = transport.client(HitchOptions.builder().reconnect(QUICK)
                .heartbeat(Duration.ofMillis(50)).timeout(Duration.ofMillis(200)).build())) {
            FakeTransport.Connection c = transport.nextAttempt().welcome("p1");
            assertEquals("{\"route\":\"hitch.ping\",\"id\":1}", c.nextSent());
            c.say("{\"re\":1,\"data\":{\"pong\":1}}");
            assertEquals("{\"route\":\"hitch.ping\",\"id\":2}", c.nextSent());
            c.say("{\"re\":2,\"data\":{\"pong\":2}}");
            assertEquals(-1, c.closedWith);
            assertFalse(transport.attemptWithin(100));
        }
    }
}
