package io.hitch.client;

import io.hitch.protocol.RouteNames;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbBuilder;

import java.lang.reflect.Type;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hitch/1 client for Java SE 17+: calls a Hitch server's routes, receives its pushes, answers its
 * requests, and relays to other clients, over one WebSocket that it reopens when it drops.
 *
 * <pre>{@code
 * try (HitchClient client = HitchClient.connect(URI.create("ws://localhost:9080/ws"))) {
 *     client.on("chat.message", ChatMessage.class, (message, meta) -> System.out.println(message));
 *     Greeting greeting = client.request("hello", new HelloRequest("Ada"), Greeting.class).join();
 * }
 * }</pre>
 *
 * <p>Calls made before the connection opens are queued. Request ids come from a per-connection
 * counter. When the connection drops, every request in flight fails with {@code disconnected}, and
 * the client reconnects with backoff and jitter ({@link Reconnect}); calls made meanwhile wait for it.
 * A reconnected client resumes the previous connection when the server keeps pushes: it is in the
 * same groups again and gets every push it missed, each once ({@link HitchOptions.Builder#recover},
 * {@link ConnectionListener#recovered}).
 * Failures are {@link HitchException}s carrying {@code code}, message and {@code details}. Data is
 * bound with JSON-B; {@code jakarta.json.JsonValue} passes through as the raw tree. Thread-safe.
 */
public final class HitchClient implements AutoCloseable {

    /** Where the connection is. */
    public enum State { CONNECTING, OPEN, RECONNECTING, CLOSED }

    // A relay waits this much longer than the server, whose timeout answer should come first.
    private static final long RELAY_GRACE_MILLIS = 1000;
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private final Link link;
    private final Inbound inbound;
    private final JsonCodec codec;
    private final ScheduledThreadPoolExecutor timers;
    private final ExecutorService ownExecutor;

    HitchClient(URI endpoint, HitchOptions options, Transport transport) {
        // A bad address never gets better: refuse it here instead of retrying it forever.
        if (!"ws".equalsIgnoreCase(endpoint.getScheme()) && !"wss".equalsIgnoreCase(endpoint.getScheme())) {
            throw new IllegalArgumentException("the endpoint must be a ws: or wss: URI, not " + endpoint);
        }
        int n = CLIENTS.incrementAndGet();
        this.timers = new ScheduledThreadPoolExecutor(1, daemons("hitch-client-" + n + "-timer"));
        timers.setRemoveOnCancelPolicy(true);
        this.ownExecutor = options.executor == null ? Executors.newCachedThreadPool(daemons("hitch-client-" + n)) : null;
        Executor target = options.executor != null ? options.executor : ownExecutor;
        // Once the client is closed its own executor is shut down: the last completions run in place.
        Executor executor = task -> {
            try {
                target.execute(task);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                task.run();
            }
        };
        this.codec = new JsonCodec(options.jsonb != null ? options.jsonb : JsonbBuilder.create());
        SerialExecutor inOrder = new SerialExecutor(executor, (thread, e) -> { });
        this.inbound = new Inbound(codec, inOrder, error -> options.listener.error(error));
        this.link = new Link(endpoint, options, transport, timers, executor, inOrder, inbound,
                () -> ThreadLocalRandom.current().nextDouble(), this::release);
    }

    /** Connects with {@link HitchOptions#defaults()}; see {@link #connect(URI, HitchOptions)}. */
    public static HitchClient connect(URI endpoint) {
        return connect(endpoint, HitchOptions.defaults());
    }

    /**
     * Starts connecting and returns at once; calls made before the connection opens are queued.
     * {@link #welcome()} completes when the server has welcomed the connection.
     *
     * @param endpoint the server's WebSocket endpoint, e.g. {@code ws://localhost:9080/ws}
     * @param options  how to connect
     * @return the client; close it when done
     * @throws IllegalArgumentException if the endpoint is not a {@code ws:} or {@code wss:} URI
     */
    public static HitchClient connect(URI endpoint, HitchOptions options) {
        HitchClient client = new HitchClient(endpoint, options, new JdkTransport(options.httpClient, options.connectTimeout));
        client.link.start();
        return client;
    }

    void start() {
        link.start();
    }

    /** Calls {@code route} with the default timeout; see {@link #request(String, Object, Type, Duration)}. */
    public <T> CompletableFuture<T> request(String route, Object data, Class<T> replyType) {
        return request(route, data, replyType, null);
    }

    /** Calls {@code route}; see {@link #request(String, Object, Type, Duration)}. */
    public <T> CompletableFuture<T> request(String route, Object data, Class<T> replyType, Duration timeout) {
        return request(route, data, (Type) replyType, timeout);
    }

    /**
     * Calls a route of the server.
     *
     * @param route     the route, e.g. {@code cart.add}
     * @param data      the data (serialized with JSON-B), or null for none
     * @param replyType what the reply's data binds to, e.g. a record, a generic {@code Type}, or {@code JsonValue}
     * @param timeout   how long to wait for the reply; null for the default ({@link HitchOptions.Builder#timeout}),
     *                  zero for no limit
     * @return the reply's data; fails with {@link HitchException}: the server's error, {@code timeout},
     *         {@code disconnected}, {@code too_large}, or {@code bad_data} when the data or reply does not bind
     */
    public <T> CompletableFuture<T> request(String route, Object data, Type replyType, Duration timeout) {
        Objects.requireNonNull(replyType, "replyType");
        Call call;
        try {
            call = new Call(checkRoute(route), codec.write(route, data), true, millis(timeout));
        } catch (HitchException e) {
            return CompletableFuture.failedFuture(e);
        }
        link.call(call);
        return call.result.thenApply(reply -> codec.<T>read(reply, replyType, "the reply to " + route));
    }

    /**
     * Sends a notification: a request without an id, never answered. A failure comes back as a
     * {@code hitch.error} push, which reaches {@link ConnectionListener#error}.
     *
     * @throws HitchException {@code bad_data} if the data does not serialize
     * @throws IllegalArgumentException if the route name is invalid
     */
    public void notify(String route, Object data) {
        link.call(new Call(checkRoute(route), codec.write(route, data), false, 0));
    }

    /** Relays with the default timeout; see {@link #relay(String, String, Object, Type, Duration)}. */
    public <T> CompletableFuture<T> relay(String peerId, String route, Object data, Class<T> replyType) {
        return relay(peerId, route, data, replyType, null);
    }

    /**
     * Calls a route on another client through the server (built-in {@code hitch.relay}). The target's
     * handler sees this client's peer id as {@link Meta#from()}.
     *
     * @param peerId    the target's peer id
     * @param timeout   how long the server waits for the target (default and maximum: the server's
     *                  request timeout); this client waits one second longer, for the server's answer
     * @return the target's reply; fails with the target's error, or {@code forbidden} (not relayable),
     *         {@code unavailable} (no such peer), {@code timeout}, {@code disconnected}
     */
    public <T> CompletableFuture<T> relay(String peerId, String route, Object data, Type replyType, Duration timeout) {
        if (peerId == null || peerId.isEmpty()) {
            return CompletableFuture.failedFuture(new HitchException("bad_data", "relay: the peer id must not be empty", null));
        }
        JsonObjectBuilder body = Json.createObjectBuilder().add("peer", peerId).add("route", checkRoute(route));
        String json = codec.write(route, data);
        body.add("data", json == null ? JsonValue.NULL : JsonCodec.parse(json));
        if (timeout != null && !timeout.isZero()) {
            body.add("timeoutMs", timeout.toMillis());
        }
        Duration wait = timeout != null && !timeout.isZero() ? timeout : link.defaultTimeout();
        Duration local = wait.isZero() ? wait : wait.plusMillis(RELAY_GRACE_MILLIS);
        return request("hitch.relay", body.build(), replyType, local);
    }

    /**
     * Handles the pushes to {@code route} (and notifications other clients relay to it).
     *
     * @return removes the handler when closed
     */
    public <T> Subscription on(String route, Class<T> type, PushHandler<? super T> handler) {
        return inbound.onPush(route, type, Objects.requireNonNull(handler, "handler"));
    }

    /**
     * Answers the server's requests to {@code route}: a route asking this client, or another client's relay.
     * A server request without a handler is answered {@code unknown_route}.
     *
     * @return removes the handler when closed
     * @throws IllegalStateException if the route has a request handler already
     */
    public <T> Subscription onRequest(String route, Class<T> type, RequestHandler<? super T> handler) {
        return inbound.onRequest(route, type, Objects.requireNonNull(handler, "handler"));
    }

    /** @return the welcome of the current connection, or of the next one; fails if the client closes first */
    public CompletableFuture<Welcome> welcome() {
        return link.nextWelcome().copy();
    }

    /**
     * Waits for the welcome of the current (or next) connection.
     *
     * @throws HitchException {@code timeout}, or why the connection could not be opened
     */
    public Welcome awaitWelcome(Duration timeout) {
        try {
            return welcome().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof java.util.concurrent.TimeoutException) {
                throw new HitchException("timeout", "no welcome within " + timeout.toMillis() + " ms", null);
            }
            throw HitchException.of(e);
        }
    }

    /** @return this connection's peer id, empty until the welcome and while disconnected */
    public Optional<String> peerId() {
        Welcome w = link.welcome();
        return Optional.ofNullable(w == null ? null : w.peer());
    }

    /** @return the server's routes from the current welcome; empty while disconnected */
    public List<String> routes() {
        Welcome w = link.welcome();
        return w == null ? List.of() : w.routes();
    }

    /** @return where the connection is */
    public State state() {
        return link.state();
    }

    /** Closes with 1000; see {@link #close(int, String)}. */
    @Override
    public void close() {
        close(1000, "");
    }

    /**
     * Closes the connection for good and stops reconnecting. Every call still waiting fails with
     * {@code disconnected}. Idempotent.
     *
     * @param code   1000, or 3000 to 4999
     * @param reason the close reason
     * @throws IllegalArgumentException for any other code
     */
    public void close(int code, String reason) {
        if (code != 1000 && (code < 3000 || code > 4999)) {
            throw new IllegalArgumentException("a client closes with 1000 or 3000 to 4999, not " + code);
        }
        link.close(code, reason == null ? "" : reason);
        release();
    }

    private void release() {
        timers.shutdown();
        if (ownExecutor != null) {
            ownExecutor.shutdown();
        }
    }

    private static String checkRoute(String route) {
        if (!RouteNames.isValid(route)) {
            throw new IllegalArgumentException("invalid route name: " + route);
        }
        return route;
    }

    private long millis(Duration timeout) {
        Duration t = timeout != null ? timeout : link.defaultTimeout();
        if (t.isNegative()) {
            throw new IllegalArgumentException("timeout must be zero or more");
        }
        return t.toMillis();
    }

    private static java.util.concurrent.ThreadFactory daemons(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
