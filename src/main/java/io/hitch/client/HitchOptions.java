package io.hitch.client;

import jakarta.json.bind.Jsonb;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * How a {@link HitchClient} connects and behaves. Immutable; build one with {@link #builder()}.
 *
 * <pre>{@code
 * HitchOptions options = HitchOptions.builder()
 *         .basicAuth("ada", "secret")
 *         .timeout(Duration.ofSeconds(5))
 *         .reconnect(Reconnect.NEVER)
 *         .build();
 * }</pre>
 */
public final class HitchOptions {

    /** The hitch/1 subprotocol, offered by default. */
    public static final String SUBPROTOCOL = "hitch.v1";

    final List<String> subprotocols;
    final Map<String, String> headers;
    final Supplier<String> token;
    final Duration timeout;
    final Duration heartbeat;
    final Duration connectTimeout;
    final Reconnect reconnect;
    final Executor executor;
    final HttpClient httpClient;
    final Jsonb jsonb;
    final ConnectionListener listener;
    final boolean recover;

    private HitchOptions(Builder b) {
        subprotocols = List.copyOf(b.subprotocols);
        headers = Map.copyOf(b.headers);
        token = b.token;
        timeout = b.timeout;
        heartbeat = b.heartbeat;
        connectTimeout = b.connectTimeout;
        reconnect = b.reconnect;
        executor = b.executor;
        httpClient = b.httpClient;
        jsonb = b.jsonb;
        listener = b.listener;
        recover = b.recover;
    }

    /** @return the defaults: {@code hitch.v1}, the server's timeouts, {@link Reconnect#DEFAULT} */
    public static HitchOptions defaults() {
        return builder().build();
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link HitchOptions}. */
    public static final class Builder {
        private List<String> subprotocols = List.of(SUBPROTOCOL);
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Supplier<String> token;
        private Duration timeout;
        private Duration heartbeat;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Reconnect reconnect = Reconnect.DEFAULT;
        private Executor executor;
        private HttpClient httpClient;
        private Jsonb jsonb;
        private ConnectionListener listener = new ConnectionListener() { };
        private boolean recover = true;

        private Builder() {
        }

        /** The subprotocols to offer, in order; default {@code hitch.v1}. None offers none. */
        public Builder subprotocols(String... subprotocols) {
            this.subprotocols = List.of(subprotocols);
            return this;
        }

        /** Adds a header to every upgrade request, e.g. {@code Origin} or {@code Authorization}. */
        public Builder header(String name, String value) {
            headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Adds HTTP Basic credentials to every upgrade request. */
        public Builder basicAuth(String user, String password) {
            String pair = user + ":" + password;
            return header("Authorization", "Basic " + java.util.Base64.getEncoder()
                    .encodeToString(pair.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }

        /**
         * A connect token source, called before every connection attempt (tokens are single-use); its
         * token is offered as the subprotocol {@code hitch.token.<token>} after the others.
         */
        public Builder token(Supplier<String> token) {
            this.token = token;
            return this;
        }

        /** The default timeout of requests; default: the welcome's {@code requestTimeoutMs}, else 30 s. Zero means none. */
        public Builder timeout(Duration timeout) {
            this.timeout = requireNotNegative(timeout, "timeout");
            return this;
        }

        /** Ping after this long without a frame; default: the welcome's {@code heartbeatMs}. Zero turns it off. */
        public Builder heartbeat(Duration heartbeat) {
            this.heartbeat = requireNotNegative(heartbeat, "heartbeat");
            return this;
        }

        /** How long one connection attempt may take; default 10 s. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = requireNotNegative(connectTimeout, "connectTimeout");
            return this;
        }

        /** When to reconnect; default {@link Reconnect#DEFAULT}, {@link Reconnect#NEVER} for none. */
        public Builder reconnect(Reconnect reconnect) {
            this.reconnect = Objects.requireNonNull(reconnect, "reconnect");
            return this;
        }

        /**
         * Where replies complete and handlers run; default: daemon threads of the client's own, ended
         * by {@link HitchClient#close()}. Pushes and server requests reach their handlers one at a time,
         * in order, whatever the executor. A handler that waits for a reply needs an executor with a
         * second thread to complete it.
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** The HTTP client that opens WebSockets, e.g. one with an {@code SSLContext} for {@code wss:}. */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        /** The JSON-B instance that binds data; default {@code JsonbBuilder.create()}. */
        public Builder jsonb(Jsonb jsonb) {
            this.jsonb = Objects.requireNonNull(jsonb, "jsonb");
            return this;
        }

        /** Hears about welcomes, closes, reconnects and errors no call waits for. */
        public Builder listener(ConnectionListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Whether a reconnect resumes the previous connection (PROTOCOL.md §5.5): it gets back its groups
         * and every push it missed, and {@link ConnectionListener#recovered} tells so. Default true; it
         * needs a server that keeps pushes (its welcome has a resume token). Pushes seen twice are
         * dropped either way.
         */
        public Builder recover(boolean recover) {
            this.recover = recover;
            return this;
        }

        /** @return the options */
        public HitchOptions build() {
            return new HitchOptions(this);
        }

        private static Duration requireNotNegative(Duration d, String what) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException(what + " must be zero or more");
            }
            return d;
        }
    }
}
