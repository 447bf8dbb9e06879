package io.hitch.transport;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The container writes pings, and closes a session, on the calling thread, and both wait while the
 * client's socket is full. The sink does both on its executor, so the heartbeat and the pushers
 * never wait for a client that does not read.
 */
@Timeout(10) // a sink that blocked its caller would hang the test otherwise
class WebSocketSinkTest {

    /** Held until the test releases it: the client that does not read. */
    private final CountDownLatch clientReads = new CountDownLatch(1);
    private final CompletableFuture<ByteBuffer> pinged = new CompletableFuture<>();
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stopExecutor() {
        clientReads.countDown();
        executor.shutdownNow();
    }

    @Test
    void aPingToAClientThatDoesNotReadLeavesTheCallerFree() throws Exception {
        WebSocketSink sink = new WebSocketSink(session(), null, executor);
        CompletableFuture<Throwable> done = new CompletableFuture<>();

        sink.ping(done::complete); // returns although the write is stuck

        assertFalse(done.isDone(), "the ping completed before the client read");
        clientReads.countDown();
        assertNull(done.get(5, TimeUnit.SECONDS), "the ping failed");
        assertEquals(0, pinged.get(5, TimeUnit.SECONDS).remaining(), "a ping carries no payload");
    }

    @Test
    void closingLaterLeavesTheCallerFreeWhileTheContainerWaits() throws Exception {
        WebSocketSink sink = new WebSocketSink(session(), null, executor);

        sink.closeLater(1008, "slow consumer");

        assertFalse(closed.isDone(), "the close finished before the client read");
        clientReads.countDown();
        CloseReason reason = closed.get(5, TimeUnit.SECONDS);
        assertEquals(1008, reason.getCloseCode().getCode());
        assertEquals("slow consumer", reason.getReasonPhrase());
    }

    @Test
    void aPingTheExecutorRefusesCompletesWithTheRefusal() {
        clientReads.countDown();
        executor.shutdown();
        WebSocketSink sink = new WebSocketSink(session(), null, executor);
        CompletableFuture<Throwable> done = new CompletableFuture<>();

        sink.ping(done::complete);

        assertTrue(done.isDone());
        assertInstanceOf(RejectedExecutionException.class, done.join());
    }

    @Test
    void everySendReportsItsOwnResultThroughTheOneHandlerMadeForTheOutboxsCallback() {
        List<SendHandler> handlers = new ArrayList<>();
        RemoteEndpoint.Async remote = proxy(RemoteEndpoint.Async.class, (method, args) -> {
            handlers.add((SendHandler) args[1]);
            return null;
        });
        Session session = proxy(Session.class, (method, args) -> remote);
        WebSocketSink sink = new WebSocketSink(session, null, executor);
        List<Throwable> results = new ArrayList<>();
        Consumer<Throwable> done = results::add;
        IllegalStateException failure = new IllegalStateException("write failed");

        sink.send("a", done);
        sink.send("b", done);
        handlers.get(0).onResult(new SendResult());
        handlers.get(1).onResult(new SendResult(failure));

        assertSame(handlers.get(0), handlers.get(1), "one handler per callback, not one per frame");
        assertEquals(Arrays.asList(null, failure), results);
        List<Throwable> other = new ArrayList<>();
        sink.send("c", other::add);
        handlers.get(2).onResult(new SendResult());
        assertEquals(Collections.singletonList(null), other, "a new callback gets its own handler");
    }

    // A session whose ping and close wait for the client to read, as Open Liberty's do on a full socket.
    private Session session() {
        RemoteEndpoint.Async remote = proxy(RemoteEndpoint.Async.class, (method, args) -> {
            if (method.equals("sendPing")) {
                clientReads.await();
                pinged.complete((ByteBuffer) args[0]);
            }
            return null;
        });
        return proxy(Session.class, (method, args) -> switch (method) {
            case "isOpen" -> !closed.isDone();
            case "getAsyncRemote" -> remote;
            case "getId" -> "s1";
            case "close" -> {
                clientReads.await();
                closed.complete((CloseReason) args[0]);
                yield null;
            }
            default -> throw new UnsupportedOperationException(method);
        });
    }

    private interface Call {
        Object invoke(String method, Object[] args) throws Exception;
    }

    private static <T> T proxy(Class<T> type, Call call) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> call.invoke(method.getName(), args)));
    }
}
