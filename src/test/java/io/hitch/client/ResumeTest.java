package io.hitch.client;

import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Missed-message recovery (PROTOCOL.md §5.5): dedup by seq, {@code ?resume=1}, {@code hitch.resume} first. */
class ResumeTest {

    private static final Reconnect QUICK = new Reconnect(Duration.ofMillis(10), Duration.ofMillis(40), 2,
            Reconnect.Jitter.NONE, 10);

    private final FakeTransport transport = new FakeTransport();
    // Handlers and the listener run in one order: one queue shows what came before what.
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final ConnectionListener listener = new ConnectionListener() {
        @Override
        public void recovered(String previousPeer, List<String> groups, int replayed) {
            events.add("recovered " + previousPeer + " " + groups + " " + replayed);
        }

        @Override
        public void recoveryFailed(HitchException error) {
            events.add("failed " + error.code() + ": " + error.getMessage());
        }
    };

    private HitchClient client(String endpoint, HitchOptions.Builder options) {
        HitchClient client = transport.client(URI.create(endpoint), options.reconnect(QUICK).listener(listener).build());
        client.on("chat.message", JsonValue.class, (data, meta) -> events.add("push " + data));
        return client;
    }

    private static String push(String stream, long seq, String text) {
        return "{\"route\":\"chat.message\",\"data\":\"" + text + "\",\"stream\":\"" + stream + "\",\"seq\":" + seq + "}";
    }

    private String nextEvent() throws InterruptedException {
        String event = events.poll(5, TimeUnit.SECONDS);
        assertNotNull(event, "nothing within 5 s");
        return event;
    }

    @Test
    void aPushWhoseSeqIsNotAboveTheLastOfItsStreamIsNotHandledAgain() throws Exception {
        try (HitchClient client = client("ws://test.invalid/ws", HitchOptions.builder())) {
            transport.nextAttempt().welcome("p1", "p1.t")
                    .say(push("group:a", 5, "a5")).say(push("group:a", 5, "a5 again")).say(push("group:a", 4, "a4"))
                    .say(push("group:b", 1, "b1")).say(push("group:a", 6, "a6"))
                    .say("{\"route\":\"chat.message\",\"data\":\"plain\"}");
            assertEquals(List.of("push \"a5\"", "push \"b1\"", "push \"a6\"", "push \"plain\""),
                    List.of(nextEvent(), nextEvent(), nextEvent(), nextEvent()));
            assertNull(events.poll(100, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void aReconnectResumesFirstWithTheTokenAndTheLastSeqOfEachStreamThenSendsWhatWasQueued() throws Exception {
        try (HitchClient client = client("ws://test.invalid/ws?room=lobby&resume=0", HitchOptions.builder())) {
            transport.nextAttempt().welcome("p1", "p1.t")
                    .say(push("group:chat", 41, "41")).say(push("peer:p1", 7, "to me")).drop(1006, "");
            assertEquals("push \"41\"", nextEvent());
            assertEquals("push \"to me\"", nextEvent());
            CompletableFuture<Integer> queued = client.request("echo", 7, Integer.class);

            FakeTransport.Connection second = transport.nextAttempt();
            assertEquals("ws://test.invalid/ws?room=lobby&resume=1", second.uri.toString());
            second.welcome("p2", "p2.t");
            assertEquals("{\"route\":\"hitch.resume\",\"id\":1,\"data\":{\"token\":\"p1.t\","
                    + "\"seen\":{\"group:chat\":41,\"peer:p1\":7}}}", second.nextSent());
            assertEquals("{\"route\":\"echo\",\"id\":2,\"data\":7}", second.nextSent());

            second.say(push("group:chat", 41, "41 again")).say(push("group:chat", 42, "42"))
                    .say("{\"re\":1,\"data\":{\"groups\":[\"chat\"],\"peer\":\"p1\",\"replayed\":1}}")
                    .say(push("group:chat", 43, "43")).say("{\"re\":2,\"data\":7}");
            assertEquals(List.of("push \"42\"", "recovered p1 [chat] 1", "push \"43\""),
                    List.of(nextEvent(), nextEvent(), nextEvent()));
            assertEquals(7, queued.join());
            assertEquals("p2", client.peerId().orElseThrow());

            second.drop(1006, "");
            FakeTransport.Connection third = transport.nextAttempt().open();
            assertEquals("{\"route\":\"hitch.resume\",\"id\":1,\"data\":{\"token\":\"p2.t\","
                    + "\"seen\":{\"group:chat\":43}}}", third.nextSent(), "the old peer's stream is forgotten");
        }
    }

    @Test
    void aRefusedResumeIsReportedAndTheConnectionGoesOnAsAFreshOne() throws Exception {
        try (HitchClient client = client("ws://test.invalid/ws", HitchOptions.builder())) {
            transport.nextAttempt().welcome("p1", "p1.t").say(push("peer:p1", 2, "to me")).drop(1006, "");
            assertEquals("push \"to me\"", nextEvent());
            FakeTransport.Connection second = transport.nextAttempt().welcome("p2", "p2.t");
            assertEquals("{\"route\":\"hitch.resume\",\"id\":1,\"data\":{\"token\":\"p1.t\",\"seen\":{\"peer:p1\":2}}}",
                    second.nextSent());
            second.say("{\"re\":1,\"error\":{\"code\":\"recovery_failed\",\"message\":\"nothing to resume: "
                    + "the previous connection ended too long ago or was resumed already\"}}");
            assertEquals("failed recovery_failed: nothing to resume: the previous connection ended too long ago "
                    + "or was resumed already", nextEvent());

            CompletableFuture<Integer> after = client.request("echo", 3, Integer.class);
            assertEquals("{\"route\":\"echo\",\"id\":2,\"data\":3}", second.nextSent());
            second.say("{\"re\":2,\"data\":3}").say(push("group:x", 1, "live"));
            assertEquals(3, after.join());
            assertEquals("push \"live\"", nextEvent());

            second.drop(1006, "");
            assertEquals("{\"route\":\"hitch.resume\",\"id\":1,\"data\":{\"token\":\"p2.t\","
                    + "\"seen\":{\"group:x\":1}}}", transport.nextAttempt().open().nextSent(),
                    "the old peer's stream is forgotten");
        }
    }

    @Test
    void aConnectionLostBeforeTheResumeIsAnsweredReportsItAsDisconnected() throws Exception {
        try (HitchClient client = client("ws://test.invalid/ws", HitchOptions.builder())) {
            transport.nextAttempt().welcome("p1", "p1.t").drop(1006, "");
            FakeTransport.Connection second = transport.nextAttempt().open();
            assertEquals("{\"route\":\"hitch.resume\",\"id\":1,\"data\":{\"token\":\"p1.t\",\"seen\":{}}}",
                    second.nextSent());
            second.drop(1006, "");
            assertEquals("failed disconnected: the connection closed before the reply to hitch.resume", nextEvent());
            FakeTransport.Connection third = transport.nextAttempt().open();
            assertEquals("{\"route\":\"hitch.resume\",\"id\":1,\"data\":{\"token\":\"p1.t\",\"seen\":{}}}",
                    third.nextSent(), "no welcome came in between: the previous connection is still the one to resume");
        }
    }

    @Test
    void withRecoverOffAReconnectIsFreshButDuplicatesAreStillDropped() throws Exception {
        try (HitchClient client = client("ws://test.invalid/ws", HitchOptions.builder().recover(false))) {
            transport.nextAttempt().welcome("p1", "p1.t").say(push("all", 3, "3")).drop(1006, "");
            CompletableFuture<Integer> queued = client.request("echo", 1, Integer.class);
            FakeTransport.Connection second = transport.nextAttempt();
            assertEquals("ws://test.invalid/ws", second.uri.toString());
            second.welcome("p2", "p2.t");
            assertEquals("{\"route\":\"echo\",\"id\":1,\"data\":1}", second.nextSent());
            second.say("{\"re\":1,\"data\":1}").say(push("all", 3, "3 again")).say(push("all", 4, "4"));
            assertEquals(1, queued.join());
            assertEquals(List.of("push \"3\"", "push \"4\""), List.of(nextEvent(), nextEvent()));
        }
    }

    @Test
    void againstAServerWithoutRecoveryAReconnectIsFreshAndNothingIsReported() throws Exception {
        try (HitchClient client = client("ws://test.invalid/ws?room=lobby", HitchOptions.builder())) {
            transport.nextAttempt().welcome("p1").say("{\"route\":\"chat.message\",\"data\":1}").drop(1006, "");
            assertEquals("push 1", nextEvent());
            CompletableFuture<Integer> queued = client.request("echo", 1, Integer.class);
            FakeTransport.Connection second = transport.nextAttempt();
            assertEquals("ws://test.invalid/ws?room=lobby", second.uri.toString());
            second.welcome("p2");
            assertEquals("{\"route\":\"echo\",\"id\":1,\"data\":1}", second.nextSent());
            second.say("{\"re\":1,\"data\":1}").say("{\"route\":\"chat.message\",\"data\":1}");
            assertEquals(1, queued.join());
            assertEquals("push 1", nextEvent());
            assertNull(events.poll(100, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void theResumeParameterReplacesAnyOtherAndKeepsTheRest() {
        assertEquals("ws://h:9080/ws?resume=1", Resumption.resuming(URI.create("ws://h:9080/ws")).toString());
        assertEquals("wss://h/app/ws?a=1&b=x%20y&resume=1",
                Resumption.resuming(URI.create("wss://h/app/ws?a=1&resume&b=x%20y")).toString());
    }
}
