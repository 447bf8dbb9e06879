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

    private static final int MAX_FRAMES = 64;
    private static final int SLOW_CLIENTS = 6;
    private static final int FRAMES = 5_000;
    private static final int FRAME_BYTES = 8 * 1024;
    private static final int FRAMES_PER_MS = 2;
    private static final String GROUP = "flood";
    private static final long MB = 1024 * 1024;

    @Deployment(testable = false)
    static WebArchive app() {
        // No rate limit to get in the way of the latency probe, and no server pings: the only thing
        // that can close a client that stops reading is its send backlog.
        return Deployments.hitchWith("slow-consumer", "hitch.outbound-max-frames=" + MAX_FRAMES + "\n"
                        + "hitch.rate-limit.per-second=1000000\nhitch.rate-limit.burst=1000000\nhitch.ping-interval-ms=0\n",
                Flood.class, Join.class, GroupSize.class, PeerOpen.class, Heap.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void clientsThatStopReadingAreClosedWith1008AndNobodyElseSuffers() throws Exception {
        try (HitchTestClient calm = HitchTestClient.connect(base);
             HitchTestClient driver = HitchTestClient.connect(base)) {
            for (int i = 0; i < 300; i++) {
                echo(calm, i);
            }
            long[] before = new long[1_000];
            for (int i = 0; i < before.length; i++) {
                before[i] = echo(calm, 1_000 + i);
            }
            long heapBefore = driver.call("load.heap", 1, null).getJsonNumber("data").longValue();

            List<RawWebSocket> slow = new ArrayList<>();
            Map<String, RawWebSocket> slowByPeer = new LinkedHashMap<>();
            try (RawWebSocket reader = RawWebSocket.connect(base)) {
                for (int i = 0; i < SLOW_CLIENTS; i++) {
                    RawWebSocket client = RawWebSocket.connect(base, 4_096);
                    slow.add(client);
                    slowByPeer.put(join(client), client);
                }
                // From here on the slow clients never read; the reader reads everything.
                FastReader fast = FastReader.start(reader, join(reader), FRAMES);

                LatencyProbe during = LatencyProbe.start(calm, 100_000);
                long start = System.nanoTime();
                driver.sendRaw("{\"route\":\"load.flood\",\"id\":2,\"data\":{\"group\":\"" + GROUP + "\",\"count\":" + FRAMES
                        + ",\"bytes\":" + FRAME_BYTES + ",\"perMillisecond\":" + FRAMES_PER_MS + "}}");

                // Every slow client goes away on the server, well before the flood ends.
                long id = 10;
                List<String> open = new ArrayList<>(slowByPeer.keySet());
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!open.isEmpty()) {
                    for (int i = open.size() - 1; i >= 0; i--) {
                        if (!driver.call("load.peer-open", id++, Json.createValue(open.get(i)).toString()).getBoolean("data")) {
                            open.remove(i);
                        }
                    }
                    if (!open.isEmpty()) {
                        assertTrue(System.nanoTime() < deadline, "still connected after 30 s: " + open);
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
                System.out.printf("Slow consumers: %d clients closed within %d ms of the flood's start; flood %s%n"
                                + "  what each finally read: %s%n"
                                + "  echo latency before: p50 %.2f ms, p99 %.2f ms (%d calls); during the flood: p50 %.2f ms,"
                                + " p99 %.2f ms, max %.2f ms (%d calls)%n"
                                + "  heap in use after GC: before %d MB, after %d MB (%+d MB)%n",
                        SLOW_CLIENTS, closedAfter, done.get("data"), seen.values(), ms(percentile(before, 50)), ms(p99Before),
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

    /** Joins the flood group on a raw connection; @return the peer id */
    private static String join(RawWebSocket client) throws Exception {
        String peer = parse(client.readText()).getJsonObject("data").getString("peer");
        client.sendText("{\"route\":\"load.join\",\"id\":1,\"data\":\"" + GROUP + "\"}");
        JsonObject reply = parse(client.readText());
        assertEquals(1, reply.getInt("re"), reply.toString());
        return peer;
    }

    /**
     * Once the server has given up on a client, reads what reaches it: the frames that were already
     * in flight, then the close frame if the server managed to send one.
     */
    private static String whatTheSlowClientFinallyReads(RawWebSocket client) throws Exception {
        client.setReadTimeout(10_000);
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

    /** Calls echo back to back on its own thread until stopped, timing each call. */
    private static final class LatencyProbe {
        private final Thread thread;
        private final long[] samples;
        private final AtomicInteger count = new AtomicInteger();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private volatile boolean stop;

        private LatencyProbe(HitchTestClient client, int max) {
            this.samples = new long[max];
            this.thread = new Thread(() -> {
                long id = 10_000_000;
                while (!stop && count.get() < samples.length) {
                    try {
                        samples[count.get()] = echo(client, id++);
                        count.incrementAndGet();
                    } catch (RuntimeException | AssertionError e) {
                        failure.set(e);
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

        private FastReader(RawWebSocket socket, String peer, int expected) {
            this.socket = socket;
            this.peer = peer;
            this.expected = expected;
            this.thread = new Thread(this::run, "fast-reader");
            this.thread.setDaemon(true);
        }

        static FastReader start(RawWebSocket socket, String peer, int expected) {
            FastReader reader = new FastReader(socket, peer, expected);
            reader.thread.start();
            return reader;
        }

        private void run() {
            try {
                while (chunks.get() < expected) {
                    JsonObject frame = parse(socket.readText());
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

        void join() throws InterruptedException {
            thread.join(60_000);
            assertFalse(thread.isAlive(), "the reading member is stuck after " + chunks.get() + " frames");
        }
    }
}
