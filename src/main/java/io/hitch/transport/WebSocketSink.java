package io.hitch.transport;

import io.hitch.peers.FrameSink;
import io.hitch.peers.SendFailedException;
import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends frames over a Jakarta WebSocket session: asynchronously, or in place on the connection's
 * reading thread when the outbox asks for it.
 */
final class WebSocketSink implements FrameSink {

    private static final Logger LOG = Logger.getLogger("io.hitch");
    private final Session session;
    // Open Liberty's getAsyncRemote() and getBasicRemote() are synchronized and make a new wrapper
    // on every call; the endpoints behind them are the session's own, so one of each serves.
    private final RemoteEndpoint.Async async;
    private final RemoteEndpoint.Basic basic;
    private final InPlaceWrites inPlace;
    private final Executor blocking;
    // The outbox passes the same callback to every send, so its handler is made once, not per frame.
    private Completion completion;

    /**
     * @param inPlace  the bound on writes in place, or null to always send asynchronously
     * @param blocking runs what may block on the client (pings, closes), see {@link BlockingWrites}
     */
    WebSocketSink(Session session, InPlaceWrites inPlace, Executor blocking) {
        this.session = session;
        this.async = session.getAsyncRemote();
        this.basic = inPlace == null ? null : session.getBasicRemote();
        this.inPlace = inPlace;
        this.blocking = blocking;
    }

    // The container's synchronous send is how a plain endpoint answers from @OnMessage: the bytes go
    // to the socket on this thread, with no hand-off to a write thread and no completion callback.
    @Override
    public boolean sendNow(String frame) {
        if (inPlace == null || !inPlace.tryStart()) {
            return false;
        }
        try {
            basic.sendText(frame);
            return true;
        } catch (IOException | RuntimeException e) {
            throw new SendFailedException(e);
        } finally {
            inPlace.end();
        }
    }

    @Override
    public void send(String frame, Consumer<Throwable> done) {
        Completion handler = completion;
        if (handler == null || handler.done() != done) {
            handler = new Completion(done);
            completion = handler;
        }
        try {
            async.sendText(frame, handler);
        } catch (RuntimeException e) {
            // The session closed under us; the close callback cleans up.
            done.accept(e);
        }
    }

    // Immutable, so a handler made on one thread is safe to reuse on another without a lock.
    private record Completion(Consumer<Throwable> done) implements SendHandler {
        @Override
        public void onResult(SendResult result) {
            done.accept(result.getException());
        }
    }

    // The container writes a ping on the calling thread, and that write blocks while the client's
    // socket is full: the heartbeat pinging every peer in turn must not wait for one that does not read.
    @Override
    public void ping(Consumer<Throwable> done) {
        run(() -> {
            try {
                if (session.isOpen()) {
                    async.sendPing(ByteBuffer.allocate(0));
                }
                done.accept(null);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "Pinging session " + session.getId() + " failed", e);
                done.accept(e);
            }
        }, done);
    }

    // The container's close waits for a write in progress; whoever was pushing must not wait for it.
    @Override
    public void closeLater(int code, String reason) {
        run(() -> close(code, reason), error -> close(code, reason));
    }

    // A task the executor refuses (the server is stopping) is handled by the caller: `refused`.
    private void run(Runnable task, Consumer<Throwable> refused) {
        try {
            blocking.execute(task);
        } catch (RejectedExecutionException e) {
            refused.accept(e);
        }
    }

    @Override
    public void close(int code, String reason) {
        try {
            if (session.isOpen()) {
                session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), clip(reason)));
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "Closing session " + session.getId() + " failed", e);
        }
    }

    // A close reason is at most 123 bytes of UTF-8.
    private static String clip(String reason) {
        byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= 123) {
            return reason;
        }
        int end = 123;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--; // bytes[end] continues a character: cut before that character
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }
}
