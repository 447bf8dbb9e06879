package io.hitch.client;

import io.hitch.protocol.FrameEncoder;
import io.hitch.protocol.MessageId;
import io.hitch.protocol.RouteNames;
import jakarta.json.JsonValue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * The connection's state machine: one socket at a time, calls queued until it opens, answers matched
 * to calls, reconnects with backoff, heartbeats. One lock guards the state; user code never runs under it.
 */
final class Link {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final String TOKEN_PREFIX = "hitch.token.";
    // What a subprotocol may hold (RFC 6455 4.1: an RFC 7230 token).
    private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private final Object lock = new Object();
    private final URI uri;
    private final HitchOptions options;
    private final Transport transport;
    private final ScheduledExecutorService timers;
    private final Executor executor;
    private final Executor inOrder;
    private final DoubleSupplier random;
    private final Calls calls = new Calls();
    private final FrameReader reader;
    private final Resumption resumption;
    private final Runnable onGiveUp;

    private HitchClient.State state = HitchClient.State.CONNECTING;
    private Attempt current;
    private long nextId = 1;
    private int attempts;
    private Welcome welcome;
    private Welcome lastWelcome;
    private CompletableFuture<Welcome> nextWelcome = new CompletableFuture<>();
    private ScheduledFuture<?> retry;

    Link(URI uri, HitchOptions options, Transport transport, ScheduledExecutorService timers, Executor executor,
         Executor inOrder, Inbound inbound, DoubleSupplier random, Runnable onGiveUp) {
        this.uri = uri;
        this.options = options;
        this.transport = transport;
        this.timers = timers;
        this.executor = executor;
        this.inOrder = inOrder;
        this.random = random;
        this.onGiveUp = onGiveUp;
        this.resumption = new Resumption(options.recover, options.listener, inOrder);
        this.reader = new FrameReader(this, inbound, resumption);
    }

    // ---- connection ----

    /** Starts a connection attempt (the first, or a retry). */
    void start() {
        Attempt attempt = new Attempt();
        synchronized (lock) {
            if (state == HitchClient.State.CLOSED) {
                return;
            }
            current = attempt;
            attempt.resume = resumption.begin(defaultTimeout().toMillis());
        }
        // A connection that resumes says so in its URL: the server then holds back group and broadcast
        // pushes until it has resumed, so that they come after the replayed ones.
        URI target = attempt.resume != null ? Resumption.resuming(uri) : uri;
        List<String> protocols = new ArrayList<>(options.subprotocols);
        if (options.token != null) {
            String token;
            try {
                token = options.token.get();
            } catch (RuntimeException e) {
                attempt.failed(new HitchException("unavailable", "could not obtain a connect token: " + e.getMessage(), null));
                return;
            }
            if (token == null || !TOKEN.matcher(token).matches()) {
                attempt.failed(new HitchException("unavailable",
                        "could not obtain a connect token: the token source gave no token of subprotocol characters", null));
                return;
            }
            protocols.add(TOKEN_PREFIX + token);
        }
        transport.open(target, protocols, options.headers, attempt).whenComplete((v, e) -> {
            if (e != null) {
                attempt.failed(HitchException.of(e));
            }
        });
    }

    /** One socket: its events are ignored once it is no longer the current one. */
    final class Attempt implements Transport.Events {
        private Transport.Socket socket;
        private final Heartbeat heartbeat = new Heartbeat(Link.this, this);
        /** The {@code hitch.resume} call this connection sends first, if it resumes. */
        private Call resume;

        @Override
        public void opened(Transport.Socket opened) {
            synchronized (lock) {
                if (current != this || state == HitchClient.State.CLOSED) {
                    opened.abort();
                    return;
                }
                socket = opened;
                state = HitchClient.State.OPEN;
                nextId = 1;
                if (resume != null) {
                    arm(resume);
                    transmit(resume);
                }
                for (Call call : calls.takeQueued()) {
                    transmit(call);
                }
            }
        }

        @Override
        public void text(String text) {
            heartbeat.received();
            synchronized (lock) {
                if (current != this) {
                    return;
                }
            }
            reader.read(this, text);
        }

        @Override
        public void closed(int code, String reason) {
            lost(this, code, reason, null);
        }

        void failed(HitchException why) {
            lost(this, 1006, why.getMessage(), why);
        }

        /** Sends on this socket if it is still the open one; a server request's answer belongs to its connection. */
        void send(String text) {
            synchronized (lock) {
                if (current == this && socket != null) {
                    socket.send(text);
                }
            }
        }

        /** Closes this socket as dead and goes on as after any lost connection. */
        void abandon(int code, String reason) {
            Transport.Socket s;
            synchronized (lock) {
                s = current == this ? socket : null;
            }
            if (s != null) {
                s.close(code, reason);
                s.abort();
                lost(this, code, reason, null);
            }
        }

        boolean isCurrent() {
            synchronized (lock) {
                return current == this && socket != null;
            }
        }
    }

    private void lost(Attempt attempt, int code, String reason, HitchException failure) {
        List<Call> inFlight;
        List<Call> queued = List.of();
        CompletableFuture<Welcome> unwelcomed = null;
        boolean again;
        synchronized (lock) {
            if (current != attempt || state == HitchClient.State.CLOSED) {
                return;
            }
            current = null;
            welcome = null;
            attempt.heartbeat.stop();
            inFlight = calls.takeInFlight();
            again = attempts < options.reconnect.maxAttempts();
            state = again ? HitchClient.State.RECONNECTING : HitchClient.State.CLOSED;
            if (nextWelcome.isDone()) {
                nextWelcome = new CompletableFuture<>();
            }
            if (!again) {
                queued = calls.takeQueued();
                unwelcomed = nextWelcome;
            }
        }
        for (Call call : inFlight) {
            fail(call, disconnected("the connection closed before the reply to " + call.route));
        }
        for (Call call : queued) {
            fail(call, disconnected("the connection closed"));
        }
        if (unwelcomed != null) {
            CompletableFuture<Welcome> pending = unwelcomed;
            HitchException why = failure != null ? failure : disconnected("the connection closed: " + code + " " + reason);
            executor.execute(() -> pending.completeExceptionally(why));
        }
        inOrder.execute(() -> options.listener.closed(code, reason));
        if (again) {
            scheduleRetry();
        } else {
            onGiveUp.run();
        }
    }

    private void scheduleRetry() {
        synchronized (lock) {
            if (state != HitchClient.State.RECONNECTING) {
                return; // closed meanwhile: its timers are gone
            }
            int attempt = ++attempts;
            Duration delay = options.reconnect.delay(attempt, random);
            inOrder.execute(() -> options.listener.reconnecting(attempt, delay));
            retry = timers.schedule(this::start, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Closes for good: everything waiting fails with {@code disconnected}. */
    void close(int code, String reason) {
        Attempt attempt;
        List<Call> waiting;
        CompletableFuture<Welcome> unwelcomed;
        synchronized (lock) {
            if (state == HitchClient.State.CLOSED) {
                return;
            }
            state = HitchClient.State.CLOSED;
            attempt = current;
            current = null;
            welcome = null;
            if (retry != null) {
                retry.cancel(false);
            }
            waiting = calls.takeInFlight();
            waiting.addAll(calls.takeQueued());
            unwelcomed = nextWelcome;
        }
        if (attempt != null) {
            attempt.heartbeat.stop();
            if (attempt.socket != null) {
                attempt.socket.close(code, reason);
            }
        }
        for (Call call : waiting) {
            fail(call, disconnected("the client was closed"));
        }
        HitchException closed = disconnected("the client was closed");
        executor.execute(() -> unwelcomed.completeExceptionally(closed));
        if (attempt != null && attempt.socket != null) {
            inOrder.execute(() -> options.listener.closed(code, reason));
        }
    }

    // ---- calls ----

    /** Sends the call now when open, else queues it; it fails with {@code timeout} after its timeout. */
    void call(Call call) {
        synchronized (lock) {
            if (state == HitchClient.State.CLOSED) {
                fail(call, disconnected("the client is closed"));
                return;
            }
            arm(call);
            if (state == HitchClient.State.OPEN) {
                transmit(call);
            } else {
                calls.queue(call);
            }
        }
    }

    // Under the lock.
    private void arm(Call call) {
        if (call.timeoutMillis > 0 && call.isRequest()) {
            call.timer = timers.schedule(() -> expire(call), call.timeoutMillis, TimeUnit.MILLISECONDS);
        }
    }

    // Under the lock, with an open socket.
    private void transmit(Call call) {
        long id = call.isRequest() ? nextId : -1;
        String text = FrameEncoder.request(call.route, id < 0 ? null : MessageId.of(id), call.dataJson);
        int max = welcome == null ? 0 : welcome.maxFrameBytes();
        if (max > 0 && text.length() > max / 3 && text.getBytes(StandardCharsets.UTF_8).length > max) {
            fail(call, new HitchException("too_large", "the frame for " + call.route + " exceeds " + max + " bytes", null));
            return;
        }
        Attempt attempt = current;
        if (call.isRequest()) {
            nextId++;
            calls.sent(id, call);
        }
        attempt.socket.send(text).whenComplete((v, e) -> {
            if (e != null && forget(call)) {
                fail(call, disconnected("could not send " + call.route + ": " + e.getMessage()));
            }
        });
    }

    private void expire(Call call) {
        if (forget(call)) {
            fail(call, new HitchException("timeout", "no reply to " + call.route + " within " + call.timeoutMillis + " ms", null));
        }
    }

    private boolean forget(Call call) {
        synchronized (lock) {
            return calls.forget(call) || !call.isRequest();
        }
    }

    /** An answer from the server to one of this client's requests. */
    void answered(Attempt attempt, long id, JsonValue data, HitchException error) {
        Call call;
        synchronized (lock) {
            call = current == attempt ? calls.answered(id) : null;
        }
        if (call == null) {
            return; // late (timed out) or unknown: nothing waits for it
        }
        call.cancelTimer();
        if (error != null) {
            fail(call, error);
        } else {
            answerer(call).execute(() -> call.result.complete(data));
        }
    }

    /** The server welcomed {@code attempt}; {@code resumeToken} is the welcome's, null when it has none. */
    void welcomed(Attempt attempt, Welcome w, String resumeToken) {
        CompletableFuture<Welcome> waiting;
        synchronized (lock) {
            if (current != attempt) {
                return;
            }
            resumption.welcomed(w.peer(), resumeToken);
            welcome = w;
            lastWelcome = w;
            attempts = 0;
            waiting = nextWelcome;
        }
        attempt.heartbeat.start(options.heartbeat != null ? options.heartbeat : w.heartbeat());
        executor.execute(() -> waiting.complete(w));
        inOrder.execute(() -> options.listener.welcomed(w));
    }

    void report(HitchException error) {
        inOrder.execute(() -> options.listener.error(error));
    }

    private void fail(Call call, HitchException error) {
        call.cancelTimer();
        if (call.isRequest()) {
            answerer(call).execute(() -> call.result.completeExceptionally(error));
        } else {
            report(error);
        }
    }

    private Executor answerer(Call call) {
        return call.answerOn != null ? call.answerOn : executor;
    }

    private static HitchException disconnected(String message) {
        return new HitchException(HitchException.DISCONNECTED, message, null);
    }

    // ---- state ----

    /** @return the request timeout in effect: the option, else the last welcome's, else 30 s */
    Duration defaultTimeout() {
        synchronized (lock) {
            if (options.timeout != null) {
                return options.timeout;
            }
            Welcome w = lastWelcome;
            return w != null && !w.requestTimeout().isZero() ? w.requestTimeout() : DEFAULT_TIMEOUT;
        }
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    HitchClient.State state() {
        synchronized (lock) {
            return state;
        }
    }

    Welcome welcome() {
        synchronized (lock) {
            return welcome;
        }
    }

    CompletableFuture<Welcome> nextWelcome() {
        synchronized (lock) {
            return nextWelcome;
        }
    }
}
