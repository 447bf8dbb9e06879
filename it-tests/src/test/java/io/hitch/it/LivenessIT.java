package io.hitch.it;

import io.hitch.it.guard.PeerPresent;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.net.URL;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Server pings ({@code hitch.ping-interval-ms}, {@code hitch.ping-timeout-ms}): every connection is
 * pinged, one that stops answering is closed with 4408 and leaves the server's peers, and one that
 * answers stays. {@link RawWebSocket} answers nothing unless told to; the JDK client answers pings
 * by itself.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LivenessIT {

    @Deployment(name = "liveness", testable = false)
    static WebArchive app() {
        return Deployments.hitchWith("liveness", "hitch.ping-interval-ms=500\nhitch.ping-timeout-ms=500\n",
                PeerPresent.class);
    }

    // Pings every 10 ms: server pings and answers often go out at the same moment.
    @Deployment(name = "liveness-busy", testable = false)
    static WebArchive busy() {
        return Deployments.hitchWith("liveness-busy", "hitch.ping-interval-ms=10\nhitch.ping-timeout-ms=5000\n"
                + "hitch.rate-limit.per-second=1000000\nhitch.rate-limit.burst=1000000\n");
    }

    // Pings every 200 ms and no rate limit: for a client that floods requests and never reads.
    @Deployment(name = "liveness-greedy", testable = false)
    static WebArchive greedy() {
        return Deployments.hitchWith("liveness-greedy", "hitch.ping-interval-ms=200\nhitch.ping-timeout-ms=300\n"
                + "hitch.rate-limit.per-second=1000000\nhitch.rate-limit.burst=1000000\n", PeerPresent.class);
    }

    @ArquillianResource
    @OperateOnDeployment("liveness")
    URL base;

    @ArquillianResource
    @OperateOnDeployment("liveness-greedy")
    URL greedyBase;

    @ArquillianResource
    @OperateOnDeployment("liveness-busy")
    URL busy;

    private static String peerOf(RawWebSocket raw) throws Exception {
        JsonObject welcome = Json.createReader(new StringReader(raw.readText())).readObject();
        assertEquals("hitch.welcome", welcome.getString("route"));
        return welcome.getJsonObject("data").getString("peer");
    }

    private static boolean present(HitchTestClient observer, String peer, long id) {
        return observer.call("guard.peer", id, "\"" + peer + "\"").getBoolean("data");
    }

    @Test
    void theServerPingsAnIdleConnection() throws Exception {
        try (RawWebSocket raw = RawWebSocket.connect(base)) {
            peerOf(raw);
            RawWebSocket.Frame frame = raw.readFrame();
            assertEquals(RawWebSocket.PING, frame.opcode(), frame.toString());
        }
    }

    @Test
    void aClientThatNeverAnswersPingsIsClosedWith4408() throws Exception {
        try (RawWebSocket raw = RawWebSocket.connect(base)) {
            peerOf(raw);
            RawWebSocket.Frame close = raw.awaitClose();

            assertNotNull(close, "the connection ended without a close frame");
            assertEquals(4408, close.closeCode());
            assertEquals("ping timeout", close.closeReason());
        }
    }

    @Test
    void aClientThatNeverAnswersPingsLeavesTheServersPeers() throws Exception {
        try (HitchTestClient observer = HitchTestClient.connect(base);
             RawWebSocket raw = RawWebSocket.connect(base)) {
            String peer = peerOf(raw);
            assertTrue(present(observer, peer, 1));

            long[] id = {2};
            HitchTestClient.eventually("the silent peer gone", () -> present(observer, peer, id[0]++), p -> !p);
        }
    }

    @Test
    void aClientThatAnswersPingsStaysConnectedWhileASilentOneIsClosed() throws Exception {
        try (HitchTestClient answering = HitchTestClient.connect(base);
             RawWebSocket silent = RawWebSocket.connect(base)) {
            peerOf(silent);
            assertEquals(4408, silent.awaitClose().closeCode());

            assertTrue(answering.isOpen());
            assertEquals("alive", answering.call("echo", 1, "\"alive\"").getString("data"));
            assertTrue(present(answering, answering.peerId(), 2));
        }
    }

    @Test
    void aClientThatAnswersPingsItselfStaysConnectedPastTheTimeout() throws Exception {
        try (HitchTestClient observer = HitchTestClient.connect(base);
             RawWebSocket raw = RawWebSocket.connect(base)) {
            String peer = peerOf(raw);
            long until = System.nanoTime() + 3_000_000_000L; // three times interval plus timeout
            while (System.nanoTime() < until) {
                RawWebSocket.Frame frame = raw.readFrame();
                assertEquals(RawWebSocket.PING, frame.opcode(), "only pings, no close: " + frame);
                raw.sendFrame(true, RawWebSocket.PONG, frame.payload());
            }
            assertTrue(present(observer, peer, 1));
        }
    }

    @Test
    void everyAnswerArrivesWhileTheServerKeepsPinging() {
        try (HitchTestClient client = HitchTestClient.connect(busy)) {
            for (int id = 1; id <= 1000; id++) {
                JsonObject answer;
                try {
                    answer = client.call("echo", id, Integer.toString(id));
                } catch (AssertionError silence) {
                    throw new AssertionError("request " + id + " was never answered, though the connection is "
                            + (client.isOpen() ? "still open" : "closed"), silence);
                }
                assertEquals(id, answer.getInt("data"));
            }
        }
    }

    // Answers are written on the thread that read the request; once the client's socket is full
    // that write waits, which must hold up no one else, and the ping timeout must still end it.
    @Test
    void aClientThatSendsRequestsButNeverReadsHoldsUpOnlyItselfUntilItIsClosed() throws Exception {
        try (HitchTestClient observer = HitchTestClient.connect(greedyBase);
             RawWebSocket greedy = RawWebSocket.connect(greedyBase, 4_096)) {
            String peer = peerOf(greedy);
            String data = "\"" + "x".repeat(32_000) + "\"";
            // 64 MB of answers, far more than the socket buffers hold. The sender blocks once the
            // server stops reading, and fails once the server closes the connection.
            Thread sender = new Thread(() -> {
                try {
                    for (int id = 1; id <= 2_000; id++) {
                        greedy.sendText("{\"route\":\"echo\",\"id\":" + id + ",\"data\":" + data + "}");
                    }
                } catch (java.io.IOException closed) {
                    // the server closed the connection
                }
            }, "greedy-sender");
            sender.setDaemon(true);
            sender.start();

            for (long id = 1; id <= 200; id++) {
                String text = "\"served " + id + "\"";
                assertEquals("served " + id, observer.call("echo", id, text).getString("data"));
            }
            long[] id = {1_000};
            HitchTestClient.eventually("the greedy peer gone", () -> present(observer, peer, id[0]++), p -> !p);
            // Either way out is right: its reading thread blocked in a reply's write until the ping
            // timeout, or, when a ping was being written meanwhile, its replies queued past the
            // outbound bound (slow consumer).
            HitchTestClient.eventually("the close logged", LivenessIT::log,
                    log -> log.contains("Peer " + peer + " disconnected: 4408 ping timeout")
                            || log.contains("Peer " + peer + " disconnected: 1008 slow consumer"));
            assertEquals("still served", observer.call("echo", id[0], "\"still served\"").getString("data"));
        }
    }

    @Test
    void closingASilentPeerIsLogged() throws Exception {
        try (RawWebSocket raw = RawWebSocket.connect(base)) {
            String peer = peerOf(raw);
            raw.awaitClose();
            HitchTestClient.eventually("the close logged", LivenessIT::log,
                    log -> log.contains("Peer " + peer + " disconnected: 4408 ping timeout"));
        }
    }

    private static String log() {
        try {
            return ServerLog.read();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
