package io.hitch.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** {@link Transport} over the JDK's {@code java.net.http.WebSocket}. */
final class JdkTransport implements Transport {

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final HttpClient http;
    private final Duration connectTimeout;

    // One for every client without its own: an HttpClient holds a selector thread until it is collected.
    private static final class Shared {
        // HTTP/1.1: a WebSocket upgrade never goes over h2c.
        static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    JdkTransport(HttpClient http, Duration connectTimeout) {
        this.http = http != null ? http : Shared.HTTP;
        this.connectTimeout = connectTimeout;
    }

    @Override
    public CompletableFuture<Void> open(URI uri, List<String> subprotocols, Map<String, String> headers,
                                        Events events) {
        WebSocket.Builder builder = http.newWebSocketBuilder();
        if (!connectTimeout.isZero()) {
            builder.connectTimeout(connectTimeout);
        }
        headers.forEach(builder::header);
        if (!subprotocols.isEmpty()) {
            builder.subprotocols(subprotocols.get(0), subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
        }
        try {
            return builder.buildAsync(uri, new Adapter(events)).handle((ws, failure) -> {
                if (failure != null) {
                    throw refusal(uri, failure);
                }
                return null;
            });
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new HitchException("unavailable",
                    "cannot connect to " + uri + ": " + e.getMessage(), null));
        }
    }

    private static HitchException refusal(URI uri, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof WebSocketHandshakeException refused) {
            int status = refused.getResponse().statusCode();
            return new HitchException("unavailable", "the server refused the connection to " + uri + ": HTTP " + status,
                    jakarta.json.Json.createObjectBuilder().add("status", status).build());
        }
        return new HitchException("unavailable", "cannot connect to " + uri + ": " + cause, null);
    }

    private static final class JdkSocket implements Socket {
        private final WebSocket ws;
        private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);

        JdkSocket(WebSocket ws) {
            this.ws = ws;
        }

        @Override
        public synchronized CompletableFuture<Void> send(String text) {
            // The JDK's WebSocket refuses a send while another is outstanding: chain them.
            CompletableFuture<Void> sent = tail.handle((v, e) -> null)
                    .thenCompose(v -> ws.sendText(text, true)).thenApply(w -> null);
            tail = sent;
            return sent;
        }

        @Override
        public synchronized void close(int code, String reason) {
            tail = tail.handle((v, e) -> null).thenCompose(v -> ws.sendClose(code, reason))
                    .orTimeout(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((v, e) -> {
                        if (e != null) {
                            ws.abort();
                        }
                    });
        }

        @Override
        public void abort() {
            ws.abort();
        }
    }

    private static final class Adapter implements WebSocket.Listener {
        private final Events events;
        private final StringBuilder partial = new StringBuilder();

        Adapter(Events events) {
            this.events = events;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            events.opened(new JdkSocket(webSocket));
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                events.text(text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            // hitch/1 sends no binary messages: the client reads it as a bad frame, like text that is not JSON.
            if (last) {
                events.text("");
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            events.closed(statusCode, reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            events.closed(1006, String.valueOf(error.getMessage() != null ? error.getMessage() : error));
        }
    }
}
