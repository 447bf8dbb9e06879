package io.hitch.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/** The load generator's connections: its selector loops, connecting many at once, and closing them. */
final class Clients {

    /** The two endpoints of the benchmark WAR. */
    enum Protocol {
        HITCH("/ws", "hitch.v1"), RAW("/raw", null), RAW_ASYNC("/raw-async", null);

        final String path;
        final String subprotocol;

        Protocol(String path, String subprotocol) {
            this.path = path;
            this.subprotocol = subprotocol;
        }
    }

    static final byte[] WELCOME = Bytes.ascii("{\"route\":\"hitch.welcome\"");

    /**
     * What every scenario's handler does: a Hitch connection is ready when its welcome arrives, a raw
     * one when the upgrade succeeds; unexpected closes are counted.
     */
    abstract static class Base extends WsConn.Handler {
        final Protocol protocol;
        volatile Connector connector;
        final AtomicInteger lost = new AtomicInteger();
        final AtomicInteger closedCount = new AtomicInteger();
        volatile String lastLoss;

        Base(Protocol protocol) {
            this.protocol = protocol;
        }

        @Override
        void opened(WsConn c, long now) {
            if (protocol != Protocol.HITCH) {
                ready(c, now);
            }
        }

        @Override
        void text(WsConn c, byte[] a, int off, int len, long now) {
            if (protocol == Protocol.HITCH && !c.welcomed) {
                c.welcomed = true;
                if (Bytes.startsWith(a, off, len, WELCOME)) {
                    ready(c, now);
                } else {
                    c.loop.fail(c, "the first frame is not a welcome: " + Bytes.text(a, off, len));
                }
                return;
            }
            message(c, a, off, len, now);
        }

        abstract void message(WsConn c, byte[] a, int off, int len, long now);

        private void ready(WsConn c, long now) {
            c.readyAt = now;
            Connector k = connector;
            if (k != null) {
                k.ready(c, now);
            }
        }

        @Override
        void closed(WsConn c, String why) {
            closedCount.incrementAndGet();
            if (c.readyAt == 0) {
                Connector k = connector;
                if (k != null) {
                    k.failed(c, why == null ? "closed during the handshake" : why);
                }
            } else if (why != null || c.serverClosed && c.closeCode != 1000) {
                lost.incrementAndGet();
                lastLoss = why != null ? why : "closed by the server: " + c.closeCode + " " + c.closeReason;
            }
        }
    }

    /** Connects a batch of connections with a bounded number of handshakes in progress. */
    static final class Connector {
        final Semaphore window;
        final AtomicInteger done = new AtomicInteger();
        final AtomicInteger failures = new AtomicInteger();
        final long[] latency;
        final long[] readyAt;
        volatile String firstFailure;

        Connector(int n, int concurrency) {
            this.window = new Semaphore(concurrency);
            this.latency = new long[n];
            this.readyAt = new long[n];
        }

        void ready(WsConn c, long now) {
            latency[c.index] = now - c.connectStart;
            readyAt[c.index] = now;
            window.release();
            done.incrementAndGet();
        }

        void failed(WsConn c, String why) {
            if (firstFailure == null) {
                firstFailure = why;
            }
            failures.incrementAndGet();
            window.release();
            done.incrementAndGet();
        }
    }

    /** A batch of connections once connected. */
    record Batch(List<WsConn> conns, Connector connector, long startNanos, long endNanos) {
        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }

        int failures() {
            return connector.failures.get();
        }

        /** @return p50 and p99 time from connect to ready, in ms */
        double[] latencyMs() {
            long[] ok = Arrays.stream(connector.latency).filter(v -> v > 0).sorted().toArray();
            if (ok.length == 0) {
                return new double[] {0, 0};
            }
            return new double[] {ok[(int) Math.ceil(0.5 * ok.length) - 1] / 1e6,
                    ok[(int) Math.ceil(0.99 * ok.length) - 1] / 1e6};
        }
    }

    final IoLoop[] loops;
    final InetSocketAddress address;
    final String hostHeader;

    Clients(int loopCount, String host, int port) throws IOException {
        this.loops = new IoLoop[loopCount];
        for (int i = 0; i < loopCount; i++) {
            loops[i] = new IoLoop(i);
            loops[i].start();
        }
        this.address = new InetSocketAddress(host, port);
        this.hostHeader = host + ":" + port;
    }

    /**
     * Opens {@code n} connections, at most {@code concurrency} handshakes at a time, and waits until
     * every one is ready or failed.
     */
    Batch connect(Protocol protocol, int n, Base handler, int concurrency, long timeoutMs)
            throws InterruptedException, TimeoutException {
        Connector connector = new Connector(n, concurrency);
        handler.connector = connector;
        List<WsConn> conns = new ArrayList<>(n);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long left = deadline - System.nanoTime();
            if (!connector.window.tryAcquire(Math.max(0, left), TimeUnit.NANOSECONDS)) {
                perLoop(conns, (loop, mine) -> mine.forEach(loop::close));
                throw new TimeoutException("connecting " + n + " " + protocol + " connections: " + connector.done.get()
                        + " done after " + timeoutMs + " ms");
            }
            IoLoop loop = loops[i % loops.length];
            WsConn c = new WsConn(loop, protocol.path, hostHeader, protocol.subprotocol, handler);
            c.index = i;
            conns.add(c);
            loop.execute(() -> loop.connect(c, address));
        }
        while (connector.done.get() < n) {
            if (System.nanoTime() > deadline) {
                perLoop(conns, (loop, mine) -> mine.forEach(loop::close));
                throw new TimeoutException("connecting " + n + " " + protocol + " connections: " + connector.done.get()
                        + " done after " + timeoutMs + " ms");
            }
            Thread.sleep(2);
        }
        long end = start;
        for (long t : connector.readyAt) {
            end = Math.max(end, t);
        }
        return new Batch(conns, connector, start, end);
    }

    /** Runs {@code action} on each connection's loop, once per loop with that loop's connections. */
    void perLoop(List<WsConn> conns, java.util.function.BiConsumer<IoLoop, List<WsConn>> action) {
        List<List<WsConn>> byLoop = new ArrayList<>();
        for (int i = 0; i < loops.length; i++) {
            byLoop.add(new ArrayList<>());
        }
        for (WsConn c : conns) {
            byLoop.get(c.loop.index).add(c);
        }
        for (int i = 0; i < loops.length; i++) {
            IoLoop loop = loops[i];
            List<WsConn> mine = byLoop.get(i);
            if (!mine.isEmpty()) {
                loop.execute(() -> action.accept(loop, mine));
            }
        }
    }

    /** Sums a number over the connections on their own loops. */
    long sum(List<WsConn> conns, java.util.function.ToLongFunction<WsConn> f) throws Exception {
        long total = 0;
        List<CompletableFuture<Long>> parts = new ArrayList<>();
        for (IoLoop loop : loops) {
            parts.add(loop.call(() -> {
                long s = 0;
                for (WsConn c : conns) {
                    if (c.loop == loop) {
                        s += f.applyAsLong(c);
                    }
                }
                return s;
            }));
        }
        for (CompletableFuture<Long> part : parts) {
            total += part.get(30, TimeUnit.SECONDS);
        }
        return total;
    }

    /**
     * Closes the connections with a closing handshake (the server then closes the TCP connection),
     * and after {@code timeoutMs} closes those still open.
     *
     * @return how many did not finish the closing handshake in time
     */
    int close(List<WsConn> conns, long timeoutMs) throws Exception {
        perLoop(conns, (loop, mine) -> mine.forEach(c -> loop.close(c, 1000)));
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            if (sum(conns, c -> c.state == WsConn.CLOSED ? 0 : 1) == 0) {
                return 0;
            }
            Thread.sleep(20);
        }
        long left = sum(conns, c -> c.state == WsConn.CLOSED ? 0 : 1);
        perLoop(conns, (loop, mine) -> mine.forEach(loop::close));
        return (int) left;
    }

    void shutdown() {
        for (IoLoop loop : loops) {
            loop.shutdown();
        }
    }

    /** One Hitch connection for calls that the harness makes one at a time (bench.heap, the first echo). */
    static final class Control extends Base {
        private volatile CompletableFuture<String> pending;
        private WsConn conn;

        Control() {
            super(Protocol.HITCH);
        }

        void attach(WsConn c) {
            this.conn = c;
        }

        /** @return the answer frame's text */
        CompletableFuture<String> call(String route, String dataJson) {
            CompletableFuture<String> answer = new CompletableFuture<>();
            conn.loop.execute(() -> {
                if (!conn.isOpen()) {
                    answer.completeExceptionally(new IOException("control connection closed"));
                    return;
                }
                pending = answer;
                long id = conn.nextId++;
                conn.loop.text(conn, Bytes.ascii("{\"route\":\"" + route + "\",\"id\":" + id
                        + (dataJson == null ? "" : ",\"data\":" + dataJson) + "}"));
            });
            return answer;
        }

        @Override
        void message(WsConn c, byte[] a, int off, int len, long now) {
            CompletableFuture<String> p = pending;
            if (p != null && Bytes.startsWith(a, off, len, RE)) {
                pending = null;
                p.complete(new String(a, off, len, java.nio.charset.StandardCharsets.UTF_8));
            }
        }

        @Override
        void closed(WsConn c, String why) {
            super.closed(c, why);
            CompletableFuture<String> p = pending;
            if (p != null) {
                p.completeExceptionally(new IOException("control connection closed: " + why));
            }
        }

        private static final byte[] RE = Bytes.ascii("{\"re\":");
    }

    /** Opens one control connection. */
    Control control(long timeoutMs) throws Exception {
        Control control = new Control();
        Batch batch = connect(Protocol.HITCH, 1, control, 1, timeoutMs);
        if (batch.failures() > 0) {
            throw new IOException("control connection failed: " + batch.connector().firstFailure);
        }
        control.attach(batch.conns().get(0));
        return control;
    }
}
