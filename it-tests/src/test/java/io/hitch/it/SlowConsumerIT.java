package io.hitch.it;

import io.hitch.it.load.Flood;
import io.hitch.it.load.GroupSize;
import io.hitch.it.load.Heap;
import io.hitch.it.load.Join;
import io.hitch.it.load.PeerOpen;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Clients that stop reading while the server floods them are closed as slow consumers (1008) once
 * {@code hitch.outbound-max-frames} frames wait for them; a member of the same group that reads
 * gets every frame in order, a client on another connection keeps its echo latency, and the heap
 * stays bounded.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SlowConsumerIT {

    private static final int MAX_FRAMES = 512;
    private static final int SLOW_CLIENTS = 6;
    private static final int FRAMES = 5_000;
    private static final int FRAME_BYTES = 8 * 1024;
    // 8 MB/s to each member. A reading member then has about half a second of slack (MAX_FRAMES
    // frames, 4 MB, under the default 8 MB byte bound) for hiccups such as a GC pause or a busy
    // machine descheduling it before it too counts as slow; 64 frames were not enough on a loaded
    // two-core machine.
    private static final int FRAMES_PER_MS = 1;
    // The latency probe calls echo at most every 2 ms, before and during the flood alike, so that it
    // measures the server rather than starving a two-core machine.
    private static final long PROBE_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final String GROUP = "flood";
    private static final long MB = 1024 * 1024;

    @Deployment(testable = false)
    static WebArchive app() {
        // No rate limit to get in the way of the latency probe, and no server pings: the only thing
        // that can close a client that stops reading is its send backlog. The flood is an async route
        // that may take long: it gets two minutes.
        return Deployments.hitchWith("slow-consumer", "hitch.outbound-max-frames=" + MAX_FRAMES + "\n"
                        + "hitch.rate-limit.per-second=1000000\nhitch.rate-limit.burst=1000000\nhitch.ping-interval-ms=0\n"
                        + "hitch.request-timeout-ms=120000\n",
                Flood.class, Join.class, GroupSize.class, PeerOpen.class, Heap.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void clientsThatStopReadingAreClosedWith1008WhileOthersAreServed() throws Exception {
        try (HitchTestClient calm = HitchTestClient.connect(base);
             HitchTestClient driver = HitchTestClient.connect(base)) {
            for (int i = 0; i < 1_000; i++) {
                echo(calm, i);
            }
            LatencyProbe baseline = LatencyProbe.start(calm, 1_000);
            baseline.thread.join(60_000);
            long[] before = baseline.stop();
            long heapBefore = driver.call("load.heap", 1, null).getJsonNumber("data").longValue();

            List<RawWebSocket> slow = new ArrayList<>();
            Map<String, RawWebSocket> slowByPeer = new LinkedHashMap<>();
            try (RawWebSocket reader = RawWebSocket.connect(base)) {
                for (int i = 0; i < SLOW_CLIENTS; i++) {
                    RawWebSocket client = RawWebSocket.connect(base, 4_096);
                    slow.add(client);
                    slowByPeer.put(join(client, GROUP), client);
                }
                // From here on the slow clients never read; the reader reads everything.
                FastReader fast = FastReader.start(reader, join(reader, GROUP), FRAMES);

                LatencyProbe during = LatencyProbe.start(calm, 1_000_000);
                long start = System.nanoTime();
                driver.sendRaw("{\"route\":\"load.flood\",\"id\":2,\"data\":{\"group\":\"" + GROUP + "\",\"count\":" + FRAMES
                        + ",\"bytes\":" + FRAME_BYTES + ",\"perMillisecond\":" + FRAMES_PER_MS + "}}");

                // Every slow client goes away on the server, well before the flood ends.
                long id = 10;
                List<String> open = new ArrayList<>(slowByPeer.keySet());
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!open.isEmpty()) {
                    for (int i = open.size() - 1; i >= 0; i--) {
                        if (!driver.call("load.peer-open", id++, Json.createValue(open.get(i)).toString()).getBoolean("data")) {
                            open.remove(i);
                        }
                    }
                    if (!open.isEmpty()) {
                        assertTrue(System.nanoTime() < deadline, "still connected after 60 s: " + open);
                        TimeUnit.MILLISECONDS.sleep(20);
                    }
                }
                long closedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

                JsonObject done = driver.answerTo(2);
                long[] duringFlood = during.stop();
                fast.join();

                assertNull(fast.failure.get(), "the reading member: " + fast.failure.get());
                assertEquals(FRAMES, fast.chunks.get(), "frames the reading member got");
                assertTrue(driver.call("load.peer-open", id++, Json.createValue(fast.peer).toString()).getBoolean("data"),
                        "the reading member was closed");
                assertEquals(1, driver.call("load.group-size", id++, "\"" + GROUP + "\"").getInt("data"),
                        "closed members leave the group");

                long heapAfter = driver.call("load.heap", id++, null).getJsonNumber("data").longValue();

                String log = ServerLog.read();
                for (String peer : slowByPeer.keySet()) {
                    assertTrue(log.contains("Peer " + peer + " disconnected: 1008 slow consumer: more than " + MAX_FRAMES
                            + " frames waiting"), "the server log does not show peer " + peer + " closed as a slow consumer");
                }
                Map<String, String> seen = new LinkedHashMap<>();
                for (Map.Entry<String, RawWebSocket> client : slowByPeer.entrySet()) {
                    seen.put(client.getKey(), whatTheSlowClientFinallyReads(client.getValue()));
                }

                long p99Before = percentile(before, 99);
                long p99During = percentile(duringFlood, 99);
                System.out.printf("Slow consumers: %d clients closed within %d ms of the flood's start; flood %s;"
                                + " the reading member got %d frames, longest wait %d ms%n"
                                + "  what each finally read: %s%n"
                                + "  echo latency before: p50 %.2f ms, p99 %.2f ms (%d calls); during the flood: p50 %.2f ms,"
                                + " p99 %.2f ms, max %.2f ms (%d calls)%n"
                                + "  heap in use after GC: before %d MB, after %d MB (%+d MB)%n",
                        SLOW_CLIENTS, closedAfter, done.get("data"), fast.chunks.get(), fast.maxGapMillis(), seen.values(), ms(percentile(before, 50)), ms(p99Before),
                        before.length, ms(percentile(duringFlood, 50)), ms(p99During), ms(percentile(duringFlood, 100)),
                        duringFlood.length, heapBefore / MB, heapAfter / MB, (heapAfter - heapBefore) / MB);

                for (String what : seen.values()) {
                    assertTrue(what.startsWith("close 1008 slow consumer") || what.startsWith("no close frame"),
                            "a slow client read " + what);
                }
                assertTrue(duringFlood.length >= 100, "only " + duringFlood.length + " echo calls during the flood");
                assertTrue(p99During < 10 * p99Before + TimeUnit.MILLISECONDS.toNanos(200),
                        "echo p99 during the flood " + ms(p99During) + " ms, before " + ms(p99Before) + " ms");
                assertTrue(heapAfter - heapBefore < 200 * MB, "heap grew by " + (heapAfter - heapBefore) / MB + " MB");
            } finally {
                for (RawWebSocket client : slow) {
                    client.close();
                }
            }
            assertEquals("still fine", calm.call("echo", 99_999_999, "\"still fine\"").getString("data"));
        }
        try (HitchTestClient fresh = HitchTestClient.connect(base)) {
            assertEquals("new", fresh.call("echo", 1, "\"new\"").getString("data"));
        }
    }

    /**
     * Pushing to a client that stopped reading must not hold up the code that pushes (Peer.push
     * "never blocks"), and so must not delay the other members of a group. Closing the slow client
     * is what blocks today: WebSocketSink.close calls Session.close, which in Open Liberty waits
     * (about 5 s) for the write that cannot finish.
     */
    @Test
    void closingASlowConsumerDoesNotHoldUpThePusherOrTheOtherMembers() throws Exception {
        String group = "pusher";
        int frames = 2_000;
        int slowClients = 4;
        List<RawWebSocket> slow = new ArrayList<>();
        try (HitchTestClient driver = HitchTestClient.connect(base);
             RawWebSocket reader = RawWebSocket.connect(base)) {
            FastReader fast = FastReader.start(reader, join(reader, group), frames);
            List<String> slowPeers = new ArrayList<>();
            for (int i = 0; i < slowClients; i++) {
                slow.add(RawWebSocket.connect(base, 4_096));
                slowPeers.add(join(slow.get(i), group));
            }
            driver.sendRaw("{\"route\":\"load.flood\",\"id\":1,\"data\":{\"group\":\"" + group + "\",\"count\":" + frames
                    + ",\"bytes\":" + FRAME_BYTES + ",\"perMillisecond\":" + FRAMES_PER_MS + "}}");
            fast.join();
            JsonObject done = driver.answerTo(1).getJsonObject("data");
            long nominal = frames / FRAMES_PER_MS;
            System.out.printf("Pusher: %d frames to a reading member and %d that stopped reading, at %d per ms"
                            + " (nominal %d ms), took %d ms; the reading member's longest wait between frames: %d ms%n",
                    frames, slowClients, FRAMES_PER_MS, nominal, done.getJsonNumber("millis").longValue(),
                    fast.maxGapMillis());
            assertNull(fast.failure.get(), "the reading member: " + fast.failure.get());
            assertEquals(frames, fast.chunks.get());
            assertTrue(fast.maxGapMillis() < 2_000, "the reading member waited " + fast.maxGapMillis()
                    + " ms for a frame while the slow member was being closed");
            assertTrue(done.getJsonNumber("millis").longValue() < nominal + 2_000, "pushing " + frames
                    + " frames took " + done.getJsonNumber("millis") + " ms (nominal " + nominal + " ms)");
        } finally {
            for (RawWebSocket client : slow) {
                client.close();
            }
        }
    }

    /** Joins a group on a raw connection; @return the peer id */
    private static String join(RawWebSocket client, String group) throws Exception {
        String peer = parse(client.readText()).getJsonObject("data").getString("peer");
        client.sendText("{\"route\":\"load.join\",\"id\":1,\"data\":\"" + group + "\"}");
        JsonObject reply = parse(client.readText());
        assertEquals(1, reply.getInt("re"), reply.toString());
        return peer;
    }

    /**
     * Once the server has given up on a client, reads what reaches it: the frames that were already
     * in flight, then the close frame if the server managed to send one.
     */
    private static String whatTheSlowClientFinallyReads(RawWebSocket client) throws Exception {
        client.setReadTimeout(3_000);
        int chunks = 0;
        while (true) {
            RawWebSocket.Frame frame;
            try {
                frame = client.readFrame();
            } catch (java.io.IOException e) {
                return "no close frame after " + chunks + " frames (" + e + ")";
            }
            if (frame.opcode() == RawWebSocket.CLOSE) {
                return "close " + frame.closeCode() + " " + frame.closeReason() + " after " + chunks + " frames";
            }
            chunks++;
        }
    }

    private static long echo(HitchTestClient client, long id) {
        long start = System.nanoTime();
        JsonObject reply = client.call("echo", id, "\"" + id + "\"");
        long took = System.nanoTime() - start;
        assertEquals(Long.toString(id), reply.getString("data"), reply.toString());
        return took;
    }

    private static long percentile(long[] samples, int percent) {
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static JsonObject parse(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    /** Calls echo every 2 ms on its own thread until stopped or full, timing each call. */
    private static final class LatencyProbe {
        private static final java.util.concurrent.atomic.AtomicLong NEXT_ID = new java.util.concurrent.atomic.AtomicLong(10_000_000);
        private final Thread thread;
        private final long[] samples;
        private final AtomicInteger count = new AtomicInteger();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private volatile boolean stop;

        private LatencyProbe(HitchTestClient client, int max) {
            this.samples = new long[max];
            this.thread = new Thread(() -> {
                long next = System.nanoTime();
                while (!stop && count.get() < samples.length) {
                    try {
                        samples[count.get()] = echo(client, NEXT_ID.getAndIncrement());
                        count.incrementAndGet();
                        next = Math.max(next + PROBE_PERIOD_NANOS, System.nanoTime());
                        TimeUnit.NANOSECONDS.sleep(next - System.nanoTime());
                    } catch (RuntimeException | AssertionError e) {
                        failure.set(e);
                        return;
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "latency-probe");
            this.thread.setDaemon(true);
        }

        static LatencyProbe start(HitchTestClient client, int max) {
            LatencyProbe probe = new LatencyProbe(client, max);
            probe.thread.start();
            return probe;
        }

        long[] stop() throws InterruptedException {
            stop = true;
            thread.join(30_000);
            assertFalse(thread.isAlive(), "the latency probe is stuck");
            if (failure.get() != null) {
                fail("an echo call failed during the flood", failure.get());
            }
            return Arrays.copyOf(samples, count.get());
        }
    }

    /** Reads a raw connection on its own thread and checks that the flood's frames arrive in order. */
    private static final class FastReader {
        private final RawWebSocket socket;
        private final String peer;
        private final int expected;
        private final Thread thread;
        private final AtomicInteger chunks = new AtomicInteger();
        private final AtomicReference<String> failure = new AtomicReference<>();
        private volatile long maxGapNanos;

        private FastReader(RawWebSocket socket, String peer, int expected) {
            this.socket = socket;
            this.peer = peer;
            this.expected = expected;
            this.thread = new Thread(this::run, "fast-reader");
            this.thread.setDaemon(true);
        }

        static FastReader start(RawWebSocket socket, String peer, int expected) throws java.io.IOException {
            // Long enough to sit out stalls of the pusher, so that they are measured, not fatal.
            socket.setReadTimeout(120_000);
            FastReader reader = new FastReader(socket, peer, expected);
            reader.thread.start();
            return reader;
        }

        private void run() {
            try {
                long last = 0;
                while (chunks.get() < expected) {
                    JsonObject frame = parse(socket.readText());
                    long now = System.nanoTime();
                    if (last != 0) {
                        maxGapNanos = Math.max(maxGapNanos, now - last);
                    }
                    last = now;
                    if (!"load.chunk".equals(frame.getString("route", null))) {
                        failure.set("unexpected frame " + frame);
                        return;
                    }
                    int seq = frame.getJsonObject("data").getInt("seq");
                    if (seq != chunks.get()) {
                        failure.set("frame " + seq + " arrived when " + chunks.get() + " was due");
                        return;
                    }
                    chunks.incrementAndGet();
                }
            } catch (Exception e) {
                failure.set("after " + chunks.get() + " frames: " + e);
            }
        }

        long maxGapMillis() {
            return TimeUnit.NANOSECONDS.toMillis(maxGapNanos);
        }

        void join() throws InterruptedException {
            thread.join(150_000);
            assertFalse(thread.isAlive(), "the reading member is stuck after " + chunks.get() + " frames");
        }
    }
}
