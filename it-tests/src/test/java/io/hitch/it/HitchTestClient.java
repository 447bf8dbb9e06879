package io.hitch.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A raw hitch/1 test client over the JDK's WebSocket: it sends exact frame text and hands back
 * every frame received, in order, so tests can assert on the wire.
 */
public final class HitchTestClient implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(20);
    // HTTP/1.1: Liberty never answers an h2c upgrade for a welcome-file URL.
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final WebSocket socket;
    private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    private final List<JsonObject> backlog = new ArrayList<>();
    private final CompletableFuture<int[]> closed = new CompletableFuture<>();
    private final CompletableFuture<String> closeReason = new CompletableFuture<>();
    private final List<String> transcript = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final JsonObject welcome;

    private HitchTestClient(URI uri, String... subprotocols) {
        this(uri, java.util.Map.of(), subprotocols);
    }

    private HitchTestClient(URI uri, java.util.Map<String, String> headers, String... subprotocols) {
        this(HTTP, uri, headers, subprotocols);
    }

    private HitchTestClient(HttpClient http, URI uri, java.util.Map<String, String> headers, String... subprotocols) {
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(WAIT);
        headers.forEach(builder::header);
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        this.socket = builder.buildAsync(uri, new Listener()).join();
        this.welcome = next();
    }

    /**
     * @param baseUrl the deployment's URL (Arquillian's {@code @ArquillianResource URL})
     * @param subprotocols the subprotocols to offer, none by default
     * @return a connected client whose welcome was received
     */
    public static HitchTestClient connect(java.net.URL baseUrl, java.util.Map<String, String> headers,
                                          String... subprotocols) {
        return new HitchTestClient(wsUri(baseUrl), headers, subprotocols);
    }

    /**
     * Connects over TLS ({@code wss:}), trusting what {@code tls} trusts.
     *
     * @param uri     the endpoint's {@code wss:} URI
     * @param tls     the TLS context, e.g. one that trusts the test server's development certificate
     * @param headers extra headers of the upgrade request (Origin, Authorization)
     * @return a connected client whose welcome was received
     */
    public static HitchTestClient connect(URI uri, javax.net.ssl.SSLContext tls, java.util.Map<String, String> headers) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls).build();
        return new HitchTestClient(http, uri, headers);
    }

    /**
     * @param baseUrl  the deployment's URL
     * @param user     a user of the test server's basic registry
     * @param password the user's password
     * @return a client connected with HTTP basic authentication on the upgrade request
     */
    public static HitchTestClient connectAs(java.net.URL baseUrl, String user, String password) {
        String credentials = java.util.Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return connect(baseUrl, java.util.Map.of("Authorization", "Basic " + credentials));
    }

    /** @return the value of an HTTP basic {@code Authorization} header for {@code user} and {@code password} */
    public static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * Tries an upgrade that the server is expected to refuse.
     *
     * @param baseUrl      the deployment's URL
     * @param headers      extra headers of the upgrade request (Origin, Authorization)
     * @param subprotocols the subprotocols to offer
     * @return the HTTP status of the refusal
     * @throws AssertionError if the upgrade succeeds, or fails without an HTTP response
     */
    public static int refusedUpgrade(java.net.URL baseUrl, java.util.Map<String, String> headers,
                                     String... subprotocols) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(WAIT);
        headers.forEach(builder::header);
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        WebSocket socket;
        try {
            socket = builder.buildAsync(wsUri(baseUrl), new WebSocket.Listener() { }).join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw new AssertionError("the upgrade failed without an HTTP refusal", e);
        }
        socket.abort();
        throw new AssertionError("the upgrade was accepted (subprotocol '" + socket.getSubprotocol() + "')");
    }

    /**
     * Sends a plain HTTP request.
     *
     * @param method  GET, POST, ...
     * @param uri     where to
     * @param headers request headers
     * @return the response, its body as text
     */
    public static java.net.http.HttpResponse<String> http(String method, URI uri, java.util.Map<String, String> headers) {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(uri).timeout(WAIT)
                .method(method, java.net.http.HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        try {
            return HTTP.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Polls {@code probe} every 50 ms until {@code done} accepts its value, for up to 20 s: for state
     * the server changes on its own time (a close it has yet to register, a log line).
     *
     * @param what  what is awaited, for the failure message
     * @param probe reads the current value
     * @param done  whether the value is the awaited one
     * @return the accepted value
     * @throws AssertionError with the last value seen, when the deadline passes
     */
    public static <T> T eventually(String what, java.util.function.Supplier<T> probe, Predicate<T> done) {
        return eventuallyWithin(what, WAIT, probe, done);
    }

    /** {@link #eventually} with another deadline. */
    public static <T> T eventuallyWithin(String what, Duration wait, java.util.function.Supplier<T> probe,
                                         Predicate<T> done) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            T value = probe.get();
            if (done.test(value)) {
                return value;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not " + what + " within " + wait + "; last seen: " + value);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /**
     * @param baseUrl the deployment's URL
     * @param path    a path relative to it, without a leading slash
     * @return the URI of that resource of the deployment
     */
    public static URI resource(java.net.URL baseUrl, String path) {
        String base = baseUrl.toString();
        return URI.create(base + (base.endsWith("/") ? "" : "/") + path);
    }

    /**
     * @param baseUrl      the deployment's URL (Arquillian's {@code @ArquillianResource URL})
     * @param subprotocols the subprotocols to offer, none by default
     * @return a connected client whose welcome was received
     */
    public static HitchTestClient connect(java.net.URL baseUrl, String... subprotocols) {
        return new HitchTestClient(wsUri(baseUrl), subprotocols);
    }

    /** @return the {@code ws:} URI of the Hitch endpoint of the deployment at {@code baseUrl} */
    public static URI wsUri(java.net.URL baseUrl) {
        String base = baseUrl.toString().replaceFirst("^http", "ws");
        return URI.create(base + (base.endsWith("/") ? "" : "/") + "ws");
    }

    /** @return the welcome push, the first frame of the connection */
    public JsonObject welcome() {
        return welcome;
    }

    /** @return the text of every frame received so far, in order, whether a test read it or not */
    public List<String> transcript() {
        return List.copyOf(transcript);
    }

    /** @return the subprotocol the server chose, "" for none */
    public String subprotocol() {
        return socket.getSubprotocol();
    }

    /** Sends {@code text} as one text frame, exactly as given. */
    public HitchTestClient sendRaw(String text) {
        socket.sendText(text, true).join();
        return this;
    }

    /** Sends one text message as several frames: {@code parts} in order, the last one final. */
    public HitchTestClient sendFragments(String... parts) {
        for (int i = 0; i < parts.length; i++) {
            socket.sendText(parts[i], i == parts.length - 1).join();
        }
        return this;
    }

    /** Sends a binary frame. */
    public HitchTestClient sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
        return this;
    }

    /** Sends a request with an integer id and JSON {@code data} text (or none when null) and waits for its answer. */
    public JsonObject call(String route, long id, String dataJson) {
        sendRaw("{\"route\":\"" + route + "\",\"id\":" + id + (dataJson == null ? "" : ",\"data\":" + dataJson) + "}");
        return answerTo(id);
    }

    /** @return the next frame, waiting up to 20 s */
    public JsonObject next() {
        if (!backlog.isEmpty()) {
            return backlog.remove(0);
        }
        return receive();
    }

    private JsonObject receive() {
        try {
            JsonObject frame = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new AssertionError("no frame within " + WAIT);
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * @return the next frame matching {@code filter}; frames before it stay queued for later calls,
     *         so waiting for one answer never loses another
     */
    public JsonObject next(Predicate<JsonObject> filter) {
        for (int i = 0; i < backlog.size(); i++) {
            if (filter.test(backlog.get(i))) {
                return backlog.remove(i);
            }
        }
        while (true) {
            JsonObject frame = receive();
            if (filter.test(frame)) {
                return frame;
            }
            backlog.add(frame);
        }
    }

    /** @return the reply or error reply to integer id {@code id} */
    public JsonObject answerTo(long id) {
        return next(f -> f.containsKey("re") && f.get("re").toString().equals(Long.toString(id)));
    }

    /** @return the next {@code hitch.error} push */
    public JsonObject nextErrorPush() {
        return next(f -> "hitch.error".equals(f.getString("route", null)));
    }

    /** @return every frame that arrives within {@code millis}; for asserting that nothing more comes */
    public List<JsonObject> drain(long millis) throws InterruptedException {
        List<JsonObject> out = new ArrayList<>(backlog);
        backlog.clear();
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (true) {
            long left = end - System.nanoTime();
            JsonObject frame = frames.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (frame == null) {
                return out;
            }
            out.add(frame);
        }
    }

    /** @return the close code the server sent, waiting up to 20 s */
    public int awaitClose() {
        return closed.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join()[0];
    }

    /** @return the close reason the server sent */
    public String closeReason() {
        return closeReason.join();
    }

    public boolean isOpen() {
        return !socket.isInputClosed() && !closed.isDone();
    }

    /** @return this connection's peer id, as the welcome announced it */
    public String peerId() {
        return welcome.getJsonObject("data").getString("peer");
    }

    /**
     * @return the next request the server sent this client on {@code route} (a frame with an id);
     *         other frames stay queued
     */
    public JsonObject nextRequest(String route) {
        return next(f -> route.equals(f.getString("route", null)) && f.containsKey("id"));
    }

    /** @return the next notification (a push, or a relayed notification) on {@code route}; others stay queued */
    public JsonObject nextPush(String route) {
        return next(f -> route.equals(f.getString("route", null)) && !f.containsKey("id"));
    }

    /**
     * @param push a push as received
     * @return it without its position in its stream ({@code stream}, {@code seq}: PROTOCOL.md §5.5)
     */
    public static JsonObject unnumbered(JsonObject push) {
        return jakarta.json.Json.createObjectBuilder(push).remove("stream").remove("seq").build();
    }

    /** Answers a server request: {@code {"re":id,"data":dataJson}} ({@code data} left out when null). */
    public HitchTestClient reply(JsonObject request, String dataJson) {
        return sendRaw("{\"re\":" + request.get("id") + (dataJson == null ? "" : ",\"data\":" + dataJson) + "}");
    }

    /** Answers a server request with an error reply; {@code detailsJson} is left out when null. */
    public HitchTestClient replyError(JsonObject request, String code, String message, String detailsJson) {
        return sendRaw("{\"re\":" + request.get("id") + ",\"error\":{\"code\":\"" + code + "\",\"message\":\""
                + message + "\"" + (detailsJson == null ? "" : ",\"details\":" + detailsJson) + "}}");
    }

    /**
     * Closes the connection from this side with {@code code} and {@code reason}, and waits for the
     * server's closing handshake.
     *
     * @return the close code the server answered with
     */
    public int closeWith(int code, String reason) {
        socket.sendClose(code, reason).join();
        return awaitClose();
    }

    /** Drops the connection without a closing handshake, as a lost network would. */
    public void drop() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
        socket.abort();
    }

    // For endpoints that speak first with something other than a hitch.welcome (the manager): no
    // frame is taken at connection, so the first one is the first that next() returns.
    private HitchTestClient(URI uri, java.util.Map<String, String> headers, boolean keepFirstFrame,
                            String... subprotocols) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(WAIT);
        headers.forEach(builder::header);
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        this.socket = builder.buildAsync(uri, new Listener()).join();
        this.welcome = null;
    }

    /**
     * Connects to another WebSocket endpoint of the deployment, e.g. the manager's.
     *
     * @param baseUrl      the deployment's URL
     * @param path         the endpoint's path relative to it, without a leading slash ({@code manager/ws})
     * @param headers      extra headers of the upgrade request (Origin, Authorization)
     * @param subprotocols the subprotocols to offer
     * @return a connected client; it waits for no welcome, {@link #welcome()} is null and every
     *         frame, the first included, is left for {@link #next()}
     */
    public static HitchTestClient connectTo(java.net.URL baseUrl, String path, java.util.Map<String, String> headers,
                                            String... subprotocols) {
        return new HitchTestClient(wsUri(baseUrl, path), headers, true, subprotocols);
    }

    /** @return the {@code ws:} URI of {@code path} (no leading slash) of the deployment at {@code baseUrl} */
    public static URI wsUri(java.net.URL baseUrl, String path) {
        String base = baseUrl.toString().replaceFirst("^http", "ws");
        return URI.create(base + (base.endsWith("/") ? "" : "/") + path);
    }

    /**
     * Tries an upgrade of {@code path} that the server is expected to refuse.
     *
     * @param baseUrl      the deployment's URL
     * @param path         the endpoint's path relative to it, without a leading slash
     * @param headers      extra headers of the upgrade request (Origin, Authorization)
     * @param subprotocols the subprotocols to offer
     * @return the HTTP status of the refusal
     * @throws AssertionError if the upgrade succeeds, or fails without an HTTP response
     */
    public static int refusedUpgradeOf(java.net.URL baseUrl, String path, java.util.Map<String, String> headers,
                                       String... subprotocols) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(WAIT);
        headers.forEach(builder::header);
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        WebSocket socket;
        try {
            socket = builder.buildAsync(wsUri(baseUrl, path), new WebSocket.Listener() { }).join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw new AssertionError("the upgrade of " + path + " failed without an HTTP refusal", e);
        }
        socket.abort();
        throw new AssertionError("the upgrade of " + path + " was accepted");
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                transcript.add(partial.toString());
                try (JsonReader reader = Json.createReader(new StringReader(partial.toString()))) {
                    frames.add(reader.readObject());
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new int[] {statusCode});
            closeReason.complete(reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new int[] {-1});
            closeReason.complete(String.valueOf(error));
        }
    }
}
