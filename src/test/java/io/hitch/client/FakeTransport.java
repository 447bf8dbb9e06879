package io.hitch.client;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@link Transport} the test drives: it opens, speaks for the server, and drops connections. */
final class FakeTransport implements Transport {

    static final String WELCOME = "{\"route\":\"hitch.welcome\",\"data\":{\"protocol\":\"hitch/1\",\"peer\":\"%s\","
            + "\"routes\":[\"echo\",\"hello\"],\"limits\":{\"maxFrameBytes\":%d,\"maxInFlight\":64},"
            + "\"heartbeatMs\":%d,\"requestTimeoutMs\":%d}}";

    private final BlockingQueue<Connection> openings = new LinkedBlockingQueue<>();

    @Override
    public CompletableFuture<Void> open(URI uri, List<String> subprotocols, Map<String, String> headers, Events events) {
        Connection connection = new Connection(uri, subprotocols, headers, events);
        openings.add(connection);
        return connection.done;
    }

    /** @return the next connection attempt, waiting up to 5 s */
    Connection nextAttempt() {
        try {
            Connection c = openings.poll(5, TimeUnit.SECONDS);
            if (c == null) {
                throw new AssertionError("no connection attempt within 5 s");
            }
            return c;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** @return whether another attempt starts within {@code millis} */
    boolean attemptWithin(long millis) throws InterruptedException {
        return openings.poll(millis, TimeUnit.MILLISECONDS) != null;
    }

    /** One connection attempt, and the socket once the test lets it open. */
    static final class Connection implements Socket {
        final URI uri;
        final List<String> subprotocols;
        final Map<String, String> headers;
        final Events events;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        private final BlockingQueue<String> sent = new LinkedBlockingQueue<>();
        volatile int closedWith = -1;

        Connection(URI uri, List<String> subprotocols, Map<String, String> headers, Events events) {
            this.uri = uri;
            this.subprotocols = subprotocols;
            this.headers = headers;
            this.events = events;
        }

        Connection open() {
            events.opened(this);
            done.complete(null);
            return this;
        }

        /** Opens and sends a welcome: peer {@code peer}, 64 KiB frames, no heartbeat, 30 s timeout. */
        Connection welcome(String peer) {
            return open().say(WELCOME.formatted(peer, 65536, 0, 30000));
        }

        /** Opens and sends a welcome like {@link #welcome(String)} that has the resume token {@code token}. */
        Connection welcome(String peer, String token) {
            String plain = WELCOME.formatted(peer, 65536, 0, 30000);
            return open().say(plain.substring(0, plain.length() - 2) + ",\"resume\":\"" + token + "\"}}");
        }

        Connection say(String frame) {
            events.text(frame);
            return this;
        }

        void refuse(HitchException why) {
            done.completeExceptionally(why);
        }

        void drop(int code, String reason) {
            events.closed(code, reason);
        }

        /** @return the next frame the client sent, waiting up to 5 s */
        String nextSent() {
            try {
                String text = sent.poll(5, TimeUnit.SECONDS);
                if (text == null) {
                    throw new AssertionError("the client sent nothing within 5 s");
                }
                return text;
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }

        /** @return the next frame sent within {@code millis}, or null */
        String sentWithin(long millis) throws InterruptedException {
            return sent.poll(millis, TimeUnit.MILLISECONDS);
        }

        @Override
        public CompletableFuture<Void> send(String text) {
            sent.add(text);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close(int code, String reason) {
            closedWith = code;
        }

        @Override
        public void abort() {
            if (closedWith < 0) {
                closedWith = 1006;
            }
        }
    }

    /** @return a client on this transport, started */
    HitchClient client(HitchOptions options) {
        return client(URI.create("ws://test.invalid/ws"), options);
    }

    /** @return a client of {@code endpoint} on this transport, started */
    HitchClient client(URI endpoint, HitchOptions options) {
        HitchClient client = new HitchClient(endpoint, options, this);
        client.start();
        return client;
    }
}
