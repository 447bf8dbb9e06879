package io.hitch.it;

import io.hitch.it.HostileCorpus.Closing;
import io.hitch.it.HostileCorpus.Expect;
import io.hitch.it.HostileCorpus.Hostile;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A generated corpus of hostile input, sent while a well-behaved client on another connection keeps
 * calling {@code echo}. On one open connection, every hostile message gets exactly the answer
 * PROTOCOL.md §2.6 gives it (a reply, an error reply or a {@code hitch.error} push, or nothing for a
 * notification that succeeded) and the connection survives. Messages that must end a connection
 * (invalid UTF-8, oversize, WebSocket protocol errors) each get a connection of their own and close
 * it with their code. The bystander sees no failure and no stray frame, and new connections are
 * served afterwards.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostileFramesIT {

    private static final long SEED = 20261121L;
    private static final int CORPUS = 1_200;
    private static final int BURST = 25;
    private static final int BURST_BYTES = 1 << 20;
    // Requests and notifications count against hitch.rate-limit.per-second (200 by default, burst
    // 400): the corpus stays under it, so no answer is rate_limited.
    private static final int MESSAGES_PER_SECOND = 150;

    @Deployment(testable = false)
    static WebArchive app() {
        // The product's own configuration: default limits, hitch.relay-routes=chat.dm.
        return Deployments.hitchWith("hostile", "");
    }

    @ArquillianResource
    URL base;

    @Test
    void everyHostileInputIsAnsweredExactlyOnceOrClosesItsConnectionAsSpecified() throws Exception {
        int total = 0;
        try (Bystander bystander = Bystander.start(base)) {
            int maxFrameBytes;
            try (RawWebSocket hostile = RawWebSocket.connect(base)) {
                JsonObject limits = parse(hostile.readText()).getJsonObject("data").getJsonObject("limits");
                maxFrameBytes = limits.getInt("maxFrameBytes");
                List<Hostile> corpus = HostileCorpus.generate(CORPUS, SEED, maxFrameBytes);

                int before = bystander.calls();
                long start = System.nanoTime();
                int answers = 0;
                int sent = 0;
                while (sent < corpus.size()) {
                    List<Hostile> burst = nextBurst(corpus, sent);
                    pace(start, sent + burst.size());
                    for (Hostile message : burst) {
                        send(hostile, message);
                    }
                    answers += expectAnswers(hostile, burst);
                    sent += burst.size();
                }
                assertNoMoreFrames(hostile);
                long expected = corpus.stream().filter(h -> h.expect().kind() != HostileCorpus.Kind.NONE).count();
                assertEquals(expected, answers, "answers on the hostile connection");
                hostile.sendText("{\"route\":\"echo\",\"id\":\"after\",\"data\":\"still here\"}");
                assertEquals("{\"re\":\"after\",\"data\":\"still here\"}", parse(hostile.readText()).toString());
                assertTrue(bystander.calls() > before, "the bystander got no answer while the corpus was sent");

                Map<String, Long> byCategory = corpus.stream().collect(Collectors.groupingBy(
                        h -> h.category().replace(", fragmented", ""), TreeMap::new, Collectors.counting()));
                System.out.printf("Hostile corpus: %d messages (%d fragmented, %d with a ping between fragments), "
                                + "%d answers expected and received, %d silent notifications, in %d ms%n  %s%n",
                        corpus.size(), corpus.stream().filter(h -> h.fragments().size() > 1).count(),
                        corpus.stream().filter(Hostile::pingBetween).count(), answers, corpus.size() - expected,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), byCategory);
                total += corpus.size();
            }

            List<Closing> closing = new ArrayList<>();
            closing.addAll(HostileCorpus.invalidUtf8(SEED));
            closing.addAll(HostileCorpus.oversize(maxFrameBytes));
            closing.addAll(HostileCorpus.protocolErrors());
            int before = bystander.calls();
            for (Closing message : closing) {
                assertClosesWith(message);
            }
            assertTrue(bystander.calls() > before, "the bystander got no answer while connections were closed");
            total += closing.size();
            System.out.printf("Closing messages: %d (1007: %d, 1009: %d, 1002: %d), each on its own connection%n",
                    closing.size(), count(closing, 1007), count(closing, 1009), count(closing, 1002));
            bystander.assertUndisturbed();
        }

        try (HitchTestClient fresh = HitchTestClient.connect(base, "hitch.v1");
             RawWebSocket raw = RawWebSocket.connect(base)) {
            assertEquals("new", fresh.call("echo", 1, "\"new\"").getString("data"));
            raw.readText();
            raw.sendText("{\"route\":\"hello\",\"id\":1,\"data\":{\"name\":\"raw\"}}");
            assertEquals("Hello, raw!", parse(raw.readText()).getJsonObject("data").getString("message"));
        }
        System.out.println("Hostile inputs in all: " + total);
        assertTrue(total >= 1_000);
    }

    /**
     * PROTOCOL.md: a frame is a whole message, and one larger than maxFrameBytes closes the
     * connection with 1009 — also when it arrives in frames that are each within the limit.
     */
    /**
     * A number too large for the member's Java type is data that does not fit: bad_data, not a
     * silently wrapped value. hitch.relay's timeoutMs is a Long; 2^64+1 must not become 1 ms.
     */
    @Test
    void anIntegerTooLargeForItsTypeIsAnsweredBadData() throws Exception {
        try (RawWebSocket client = RawWebSocket.connect(base)) {
            client.readText();
            client.sendText("{\"route\":\"hitch.relay\",\"id\":1,\"data\":{\"peer\":\"nobody\",\"route\":\"chat.dm\","
                    + "\"timeoutMs\":18446744073709551617}}");
            JsonObject answer = parse(client.readText());
            assertEquals("bad_data", answer.getJsonObject("error").getString("code"), answer.toString());
        }
    }

    // ---- the corpus on one connection ----

    private static List<Hostile> nextBurst(List<Hostile> corpus, int from) {
        List<Hostile> burst = new ArrayList<>();
        int bytes = 0;
        for (int i = from; i < corpus.size() && burst.size() < BURST && (burst.isEmpty() || bytes < BURST_BYTES); i++) {
            burst.add(corpus.get(i));
            bytes += corpus.get(i).size();
        }
        return burst;
    }

    private static void pace(long start, int sentAfterBurst) throws InterruptedException {
        long due = start + TimeUnit.SECONDS.toNanos(sentAfterBurst) / MESSAGES_PER_SECOND;
        long wait = due - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private static void send(RawWebSocket socket, Hostile message) throws IOException {
        List<byte[]> fragments = message.fragments();
        for (int i = 0; i < fragments.size(); i++) {
            socket.sendFrame(i == fragments.size() - 1, i == 0 ? message.opcode() : RawWebSocket.CONTINUATION,
                    fragments.get(i));
            if (i == 0 && message.pingBetween()) {
                socket.sendPing("between".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /**
     * Reads the answers to one burst and matches each to its message: replies by id (unique in the
     * corpus), pushes by code and route.
     *
     * @return the number of answers
     */
    private static int expectAnswers(RawWebSocket socket, List<Hostile> burst) throws IOException {
        Map<String, Hostile> byId = new HashMap<>();
        Map<String, Deque<Hostile>> pushes = new HashMap<>();
        int pongsDue = 0;
        for (Hostile message : burst) {
            Expect expect = message.expect();
            pongsDue += message.pingBetween() ? 1 : 0;
            switch (expect.kind()) {
                case REPLY, ERROR, ANSWER -> assertNull(byId.put(HostileCorpus.canonical(expect.re()), message),
                        "the corpus used an id twice: " + expect.re());
                case PUSH -> pushes.computeIfAbsent(expect.pushKey(), k -> new ArrayDeque<>()).add(message);
                case NONE -> {
                    // a notification that succeeded: nothing comes back
                }
            }
        }
        int due = byId.size() + pushes.values().stream().mapToInt(Deque::size).sum();
        int answers = 0;
        int pongs = 0;
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        while (answers < due || pongs < pongsDue) {
            RawWebSocket.Frame frame;
            try {
                frame = socket.readFrame();
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no answer within 20 s; still waiting for " + describe(byId, pushes)
                        + (pongs < pongsDue ? " and " + (pongsDue - pongs) + " pong(s)" : ""), e);
            }
            switch (frame.opcode()) {
                case RawWebSocket.PING -> socket.sendFrame(true, RawWebSocket.PONG, frame.payload());
                case RawWebSocket.PONG -> {
                    pongs++;
                    assertEquals("between", frame.text(), "pong payload");
                    assertTrue(pongs <= pongsDue, "a pong nobody pinged for");
                }
                case RawWebSocket.CLOSE -> fail("the server closed the connection (" + frame.closeCode() + " "
                        + frame.closeReason() + ") while waiting for " + describe(byId, pushes) + "\nburst:\n"
                        + previews(burst));
                case RawWebSocket.TEXT, RawWebSocket.CONTINUATION -> {
                    text.writeBytes(frame.payload());
                    if (frame.fin()) {
                        JsonObject answer = parse(text.toString(StandardCharsets.UTF_8));
                        text.reset();
                        answers++;
                        match(answer, byId, pushes, burst);
                    }
                }
                default -> fail("unexpected " + frame);
            }
        }
        return answers;
    }

    private static void match(JsonObject answer, Map<String, Hostile> byId, Map<String, Deque<Hostile>> pushes,
                              List<Hostile> burst) {
        if (answer.containsKey("re")) {
            Hostile message = byId.remove(answer.get("re").toString());
            if (message == null) {
                fail("an answer to no message of the burst, or a second answer: " + shorten(answer) + "\nburst:\n"
                        + previews(burst));
            }
            Expect expect = message.expect();
            JsonObject error = answer.getJsonObject("error");
            String where = message.preview() + "\n  got " + shorten(answer);
            switch (expect.kind()) {
                case REPLY -> {
                    assertNull(error, "expected a reply: " + where);
                    if (expect.data() != null) {
                        assertEquals(expect.data(), answer.getOrDefault("data", JsonValue.NULL), "reply data: " + where);
                    }
                }
                case ERROR -> {
                    assertNotNull(error, "expected error " + expect.code() + ": " + where);
                    assertEquals(expect.code(), error.getString("code"), where);
                    assertFalse(answer.containsKey("data"), "an error reply carries no data: " + where);
                }
                default -> assertTrue(error == null || error.get("code") instanceof jakarta.json.JsonString
                        && !"internal".equals(error.getString("code")), "expected a reply or an error reply: " + where);
            }
        } else if ("hitch.error".equals(answer.getString("route", null))) {
            JsonObject data = answer.getJsonObject("data");
            String key = data.getString("code") + " route=" + (data.containsKey("route") ? data.getString("route") : null);
            Deque<Hostile> waiting = pushes.get(key);
            if (waiting == null || waiting.isEmpty()) {
                fail("unexpected push " + shorten(answer) + "; pushes due: " + pushes.entrySet().stream()
                        .filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).toList() + "\nburst:\n"
                        + previews(burst));
            }
            waiting.poll();
        } else {
            fail("neither an answer nor a hitch.error push: " + shorten(answer));
        }
    }

    private static void assertNoMoreFrames(RawWebSocket socket) throws IOException {
        socket.setReadTimeout(500);
        try {
            while (true) {
                RawWebSocket.Frame frame = socket.readFrame();
                if (frame.opcode() == RawWebSocket.PING) {
                    socket.sendFrame(true, RawWebSocket.PONG, frame.payload());
                    continue;
                }
                fail("a frame after every message was answered: " + frame + " " + frame.text());
            }
        } catch (SocketTimeoutException expected) {
            // nothing more: no message was answered twice
        } finally {
            socket.setReadTimeout(20_000);
        }
    }

    // ---- messages that end their connection ----

    private void assertClosesWith(Closing message) throws Exception {
        try (RawWebSocket socket = RawWebSocket.connect(base)) {
            socket.readText();
            try {
                message.send().run(socket);
            } catch (IOException e) {
                // the server may close before the whole message is written; its close frame is what counts
            }
            RawWebSocket.Frame close;
            try {
                close = nextNonPing(socket);
            } catch (SocketTimeoutException e) {
                throw new AssertionError(message.category() + ": neither answered nor closed", e);
            }
            assertNotNull(close, message.category() + ": the connection ended without a close frame");
            assertEquals(RawWebSocket.CLOSE, close.opcode(), message.category() + ": answered instead of closed: "
                    + (close.opcode() == RawWebSocket.TEXT ? close.text() : close));
            assertEquals(message.closeCode(), close.closeCode(), message.category() + ": " + close.closeReason());
        }
    }

    private static RawWebSocket.Frame nextNonPing(RawWebSocket socket) throws IOException {
        while (true) {
            RawWebSocket.Frame frame;
            try {
                frame = socket.readFrame();
            } catch (java.io.EOFException | java.net.SocketException e) {
                return null;
            }
            if (frame.opcode() != RawWebSocket.PING && frame.opcode() != RawWebSocket.PONG) {
                return frame;
            }
        }
    }

    // ---- the bystander ----

    /** A well-behaved client that calls echo about every 10 ms on its own thread and checks each answer. */
    private static final class Bystander implements AutoCloseable {
        private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

        private final HitchTestClient client;
        private final Thread thread;
        private final AtomicInteger calls = new AtomicInteger();
        private final AtomicLong maxGapNanos = new AtomicLong();
        private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        private volatile boolean stop;

        private Bystander(HitchTestClient client) {
            this.client = client;
            this.thread = new Thread(this::run, "bystander");
            this.thread.setDaemon(true);
        }

        static Bystander start(URL base) {
            Bystander bystander = new Bystander(HitchTestClient.connect(base));
            bystander.thread.start();
            return bystander;
        }

        private void run() {
            long id = 0;
            long last = System.nanoTime();
            long next = last;
            while (!stop) {
                id++;
                String text = "calm " + id + " \u00e9\uD83D\uDE00";
                try {
                    JsonObject reply = client.call("echo", id, Json.createValue(text).toString());
                    if (!text.equals(reply.getString("data", null))) {
                        failures.add("call " + id + " answered " + reply);
                    } else {
                        long now = System.nanoTime();
                        maxGapNanos.accumulateAndGet(now - last, Math::max);
                        last = now;
                        calls.incrementAndGet();
                    }
                } catch (RuntimeException | AssertionError e) {
                    failures.add("call " + id + " failed: " + e);
                    if (!client.isOpen()) {
                        return;
                    }
                }
                next += PERIOD_NANOS;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }

        int calls() {
            return calls.get();
        }

        void assertUndisturbed() throws InterruptedException {
            stop = true;
            thread.join(30_000);
            assertFalse(thread.isAlive(), "the bystander is stuck");
            System.out.printf("Bystander: %d echo calls, %d failures, longest wait between answers %d ms%n",
                    calls(), failures.size(), TimeUnit.NANOSECONDS.toMillis(maxGapNanos.get()));
            assertTrue(failures.isEmpty(), "the bystander's calls failed: " + failures);
            assertTrue(calls() >= 50, "the bystander made only " + calls() + " calls");
            assertTrue(maxGapNanos.get() < TimeUnit.SECONDS.toNanos(5), "the bystander waited "
                    + TimeUnit.NANOSECONDS.toMillis(maxGapNanos.get()) + " ms for an answer");
            List<JsonObject> stray = client.drain(200);
            assertTrue(stray.isEmpty(), "frames the bystander never asked for: " + stray);
        }

        @Override
        public void close() throws InterruptedException {
            stop = true;
            thread.join(30_000);
            client.close();
        }
    }

    // ---- helpers ----

    private static JsonObject parse(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private static String describe(Map<String, Hostile> byId, Map<String, Deque<Hostile>> pushes) {
        List<String> out = new ArrayList<>();
        byId.values().forEach(h -> out.add(h.expect().kind() + " to " + h.expect().re() + " for " + h.preview()));
        pushes.values().forEach(q -> q.forEach(h -> out.add("push " + h.expect().pushKey() + " for " + h.preview())));
        return out.isEmpty() ? "nothing" : String.join("\n  ", out);
    }

    private static String previews(List<Hostile> burst) {
        return burst.stream().map(h -> "  " + h.expect().kind() + " " + h.preview()).collect(Collectors.joining("\n"));
    }

    private static String shorten(Object value) {
        String text = String.valueOf(value);
        return text.length() > 300 ? text.substring(0, 300) + "... (" + text.length() + " chars)" : text;
    }

    private static long count(List<Closing> closing, int code) {
        return closing.stream().filter(c -> c.closeCode() == code).count();
    }
}
