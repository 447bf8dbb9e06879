package io.hitch.client;

import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class InboundTest {

    public record Message(String text) { }

    private final BlockingQueue<HitchException> errors = new LinkedBlockingQueue<>();
    private final FakeTransport transport = new FakeTransport();
    private final HitchClient client = transport.client(HitchOptions.builder().reconnect(Reconnect.NEVER)
            .listener(new ConnectionListener() {
                @Override
                public void error(HitchException error) {
                    errors.add(error);
                }
            }).build());

    @AfterEach
    void close() {
        client.close();
    }

    private static <T> T next(BlockingQueue<T> queue) throws InterruptedException {
        T value = queue.poll(5, TimeUnit.SECONDS);
        assertNotNull(value, "nothing within 5 s");
        return value;
    }

    @Test
    void theWelcomeGivesThePeerIdAndTheServersRoutes() {
        transport.nextAttempt().welcome("Zk7Pw2Lr9TnXa4Vb1Qy8Ue");
        Welcome welcome = client.welcome().join();
        assertEquals("Zk7Pw2Lr9TnXa4Vb1Qy8Ue", welcome.peer());
        assertEquals("Zk7Pw2Lr9TnXa4Vb1Qy8Ue", client.peerId().orElseThrow());
        assertEquals(List.of("echo", "hello"), client.routes());
        assertEquals(65536, welcome.maxFrameBytes());
    }

    @Test
    void pushesReachTheirRoutesHandlerInArrivalOrderWithTypedData() throws Exception {
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        client.on("chat.message", Message.class, (m, meta) -> seen.add(meta.route() + ":" + m.text()));
        FakeTransport.Connection c = transport.nextAttempt().welcome("p1");
        for (int i = 0; i < 50; i++) {
            c.say("{\"route\":\"chat.message\",\"data\":{\"text\":\"" + i + "\"}}");
        }
        c.say("{\"route\":\"other\",\"data\":{\"text\":\"not mine\"}}");
        for (int i = 0; i < 50; i++) {
            assertEquals("chat.message:" + i, next(seen));
        }
        assertNull(seen.poll(100, TimeUnit.MILLISECONDS));
    }

    @Test
    void aRelayedNotificationNamesItsSender() throws Exception {
        BlockingQueue<Meta> seen = new LinkedBlockingQueue<>();
        client.on("test.dm", JsonValue.class, (data, meta) -> seen.add(meta));
        transport.nextAttempt().welcome("p1").say("{\"route\":\"test.dm\",\"data\":1,\"from\":\"sender\"}");
        assertEquals(new Meta("test.dm", null, "sender"), next(seen));
    }

    @Test
    void aClosedSubscriptionReceivesNoMorePushes() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        BlockingQueue<String> other = new LinkedBlockingQueue<>();
        Subscription subscription = client.on("news", String.class, (s, meta) -> seen.add(s));
        client.on("news", String.class, (s, meta) -> other.add(s));
        FakeTransport.Connection c = transport.nextAttempt().welcome("p1").say("{\"route\":\"news\",\"data\":\"one\"}");
        assertEquals("one", next(other));
        subscription.close();
        c.say("{\"route\":\"news\",\"data\":\"two\"}");
        assertEquals("two", next(other));
        assertEquals(List.of("one"), seen);
    }

    @Test
    void aServerRequestIsAnsweredWithTheHandlersReturnValue() {
        client.onRequest("confirm", Message.class, (m, meta) -> new Message("yes to " + m.text() + " #" + meta.id()));
        FakeTransport.Connection c = transport.nextAttempt().welcome("p1");
        c.say("{\"route\":\"confirm\",\"id\":5,\"data\":{\"text\":\"delete\"}}");
        assertEquals("{\"re\":5,\"data\":{\"text\":\"yes to delete #5\"}}", c.nextSent());
    }

    @Test
    void anAsynchronousHandlerAnswersWhenItsStageCompletes() throws Exception {
        CompletableFuture<String> later = new CompletableFuture<>();
        client.onRequest("ask", String.class, (s, meta) -> later);
        FakeTransport.Connection c = transport.nextAttempt().welcome("p1").say("{\"route\":\"ask\",\"id\":1,\"data\":\"q\"}");
        assertNull(c.sentWithin(100));
        later.complete("a");
        assertEquals("{\"re\":1,\"data\":\"a\"}", c.nextSent());
    }

    @Test
    void aHandlerThrowingAHitchExceptionAnswersItsCodeMessageAndDetails() {
        client.onRequest("ask", String.class, (s, meta) -> {
            throw new HitchException("busy", "try later", JsonValue.TRUE);
        });
        FakeTransport.Connection c = transport.nextAttempt().welcome("p1").say("{\"route\":\"ask\",\"id\":2}");
        assertEquals("{\"re\":2,\"error\":{\"code\":\"busy\",\"message\":\"try later\",\"details\":true}}", c.nextSent());
    }

    @Test
    void anyOtherExceptionAnswersInternal() {
        client.onRequest("ask", String.class, (s, meta) -> {
            throw new IllegalStateException("broken");
        });
        FakeTransport.Connection c = transport.nextAttempt().welcome("p1").say("{\"route\":\"ask\",\"id\":3}");
        assertEquals("{\"re\":3,\"error\":{\"code\":\"internal\",\"message\":\"broken\"}}", c.nextSent());
    }

    @Test
    void aServerRequestWithoutAHandlerIsAnsweredUnknownRoute() {
        FakeTransport.Connection c = transport.nextAttempt().welcome("p1").say("{\"route\":\"nobody\",\"id\":4}");
        assertEquals("{\"re\":4,\"error\":{\"code\":\"unknown_route\",\"message\":\"the client has no handler for nobody\"}}",
                c.nextSent());
    }

    @Test
    void aRouteTakesOneRequestHandler() {
        client.onRequest("ask", String.class, (s, meta) -> s);
        assertThrows(IllegalStateException.class, () -> client.onRequest("ask", String.class, (s, meta) -> s));
    }

    @Test
    void aHitchErrorPushReachesTheListenerWithTheFailedNotificationsRoute() throws Exception {
        transport.nextAttempt().welcome("p1").say("{\"route\":\"hitch.error\",\"data\":{\"code\":\"unknown_route\","
                + "\"message\":\"no route named 'nope'\",\"route\":\"nope\"}}");
        HitchException e = next(errors);
        assertEquals("unknown_route", e.code());
        assertEquals("nope", e.route());
    }

    @Test
    void aPushThatDoesNotBindIsReportedAndTheNextStillArrives() throws Exception {
        BlockingQueue<Message> seen = new LinkedBlockingQueue<>();
        client.on("m", Message.class, (m, meta) -> seen.add(m));
        transport.nextAttempt().welcome("p1").say("{\"route\":\"m\",\"data\":[1]}").say("{\"route\":\"m\",\"data\":{\"text\":\"ok\"}}");
        assertEquals("bad_data", next(errors).code());
        assertEquals(new Message("ok"), next(seen));
    }

    @Test
    void aFrameThatIsNotJsonIsReportedAsBadFrame() throws Exception {
        transport.nextAttempt().welcome("p1").say("not json");
        assertEquals("bad_frame", next(errors).code());
    }
}
