package io.hitch.client;

import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestsTest {

    public record Greeting(String message) { }

    public record Name(String name) { }

    private final FakeTransport transport = new FakeTransport();
    private final HitchClient client = transport.client(HitchOptions.builder().reconnect(Reconnect.NEVER).build());

    @AfterEach
    void close() {
        client.close();
    }

    static HitchException failure(CompletableFuture<?> call) {
        CompletionException e = assertThrows(CompletionException.class, call::join);
        return HitchException.of(e);
    }

    @Test
    void callsMadeBeforeTheSocketOpensAreSentOnOpenInCallOrder() {
        FakeTransport.Connection c = transport.nextAttempt();
        client.request("hello", new Name("Ada"), Greeting.class);
        client.notify("echo", List.of(1, 2));
        client.request("echo", null, JsonValue.class);
        c.open();
        assertEquals("{\"route\":\"hello\",\"id\":1,\"data\":{\"name\":\"Ada\"}}", c.nextSent());
        assertEquals("{\"route\":\"echo\",\"data\":[1,2]}", c.nextSent());
        assertEquals("{\"route\":\"echo\",\"id\":2}", c.nextSent());
    }

    @Test
    void aReplyCompletesTheRequestWithItsDataBoundToTheReplyType() {
        FakeTransport.Connection c = transport.nextAttempt().welcome("p1");
        CompletableFuture<Greeting> reply = client.request("hello", new Name("Ada"), Greeting.class);
        c.nextSent();
        c.say("{\"re\":1,\"data\":{\"message\":\"Hello, Ada!\"}}");
        assertEquals(new Greeting("Hello, Ada!"), reply.join());
    }

    @Test
    void anErrorReplyFailsTheRequestWithTheServersCodeMessageAndDetails() {
        FakeTransport.Connection c = transport.nextAttempt().welcome("p1");
        CompletableFuture<Greeting> reply = client.request("hello", new Name(""), Greeting.class);
        c.nextSent();
        c.say("{\"re\":1,\"error\":{\"code\":\"bad_data\",\"message\":\"name: must not be blank\","
                + "\"details\":[{\"path\":\"name\",\"message\":\"must not be blank\"}]}}");
        HitchException e = failure(reply);
        assertEquals("bad_data", e.code());
        assertEquals("name: must not be blank", e.getMessage());
        assertEquals("[{\"path\":\"name\",\"message\":\"must not be blank\"}]", e.details().toString());
    }

    @Test
    void aRequestWithoutAnAnswerFailsWithTimeoutAfterItsOwnTimeout() {
        transport.nextAttempt().welcome("p1");
        long start = System.nanoTime();
        HitchException e = failure(client.request("echo", 1, Integer.class, Duration.ofMillis(150)));
        assertEquals("timeout", e.code());
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(150).toNanos());
    }

    @Test
    void theDefaultTimeoutIsTheOneTheServerAdvises() {
        FakeTransport.Connection c = transport.nextAttempt().open();
        c.say(FakeTransport.WELCOME.formatted("p1", 65536, 0, 120));
        HitchException e = failure(client.request("echo", 1, Integer.class));
        assertEquals("timeout", e.code());
        assertEquals("no reply to echo within 120 ms", e.getMessage());
    }

    @Test
    void idsCountFromOneAgainOnEveryConnection() {
        FakeTransport transport = new FakeTransport();
        try (HitchClient client = transport.client(HitchOptions.builder()
                .reconnect(new Reconnect(Duration.ofMillis(1), Duration.ofMillis(1), 1, Reconnect.Jitter.NONE, 5)).build())) {
            FakeTransport.Connection first = transport.nextAttempt().welcome("p1");
            client.request("echo", 1, Integer.class);
            client.request("echo", 2, Integer.class);
            assertTrue(first.nextSent().contains("\"id\":1"));
            assertTrue(first.nextSent().contains("\"id\":2"));
            first.drop(1006, "gone");
            FakeTransport.Connection second = transport.nextAttempt().welcome("p2");
            client.request("echo", 3, Integer.class);
            assertEquals("{\"route\":\"echo\",\"id\":1,\"data\":3}", second.nextSent());
        }
    }

    @Test
    void everyRequestInFlightFailsWithDisconnectedWhenTheConnectionDrops() {
        FakeTransport.Connection c = transport.nextAttempt().welcome("p1");
        CompletableFuture<Integer> one = client.request("echo", 1, Integer.class);
        CompletableFuture<Integer> two = client.request("echo", 2, Integer.class);
        c.drop(1011, "server error");
        assertEquals(HitchException.DISCONNECTED, failure(one).code());
        assertEquals(HitchException.DISCONNECTED, failure(two).code());
    }

    @Test
    void closingFailsQueuedAndInFlightCallsWithDisconnectedAndLaterCallsAtOnce() {
        FakeTransport.Connection c = transport.nextAttempt().welcome("p1");
        CompletableFuture<Integer> inFlight = client.request("echo", 1, Integer.class);
        client.close();
        assertEquals(HitchException.DISCONNECTED, failure(inFlight).code());
        assertEquals(1000, c.closedWith);
        assertEquals(HitchException.DISCONNECTED, failure(client.request("echo", 2, Integer.class)).code());
        assertEquals(HitchClient.State.CLOSED, client.state());
    }

    @Test
    void aLateReplyToATimedOutRequestIsIgnored() throws Exception {
        FakeTransport.Connection c = transport.nextAttempt().welcome("p1");
        CompletableFuture<Integer> late = client.request("echo", 1, Integer.class, Duration.ofMillis(50));
        assertEquals("timeout", failure(late).code());
        c.say("{\"re\":1,\"data\":1}");
        CompletableFuture<Integer> next = client.request("echo", 2, Integer.class);
        assertEquals("{\"route\":\"echo\",\"id\":1,\"data\":1}", c.nextSent());
        assertEquals("{\"route\":\"echo\",\"id\":2,\"data\":2}", c.nextSent());
        c.say("{\"re\":2,\"data\":2}");
        assertEquals(2, next.join());
    }

    @Test
    void aFrameLargerThanTheServerAcceptsFailsWithTooLargeAndIsNotSent() throws Exception {
        FakeTransport.Connection c = transport.nextAttempt().open();
        c.say(FakeTransport.WELCOME.formatted("p1", 256, 0, 30000));
        assertEquals("too_large", failure(client.request("echo", "x".repeat(300), String.class)).code());
        assertNull(c.sentWithin(100));
    }

    @Test
    void aReplyThatDoesNotBindFailsWithBadData() {
        FakeTransport.Connection c = transport.nextAttempt().welcome("p1");
        CompletableFuture<Integer> reply = client.request("echo", 1, Integer.class);
        c.nextSent();
        c.say("{\"re\":1,\"data\":{\"not\":\"a number\"}}");
        assertEquals("bad_data", failure(reply).code());
    }

    @Test
    void anInvalidRouteNameIsRefusedBeforeAnythingIsSent() {
        assertThrows(IllegalArgumentException.class, () -> client.request("no spaces", 1, Integer.class));
    }
}
