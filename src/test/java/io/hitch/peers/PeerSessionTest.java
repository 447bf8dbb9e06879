package io.hitch.peers;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PeerSessionTest {

    private final List<String> sent = new ArrayList<>();
    private final List<String> closes = new ArrayList<>();
    private final FrameSink sink = new FrameSink() {
        @Override
        public void send(String frame, Consumer<Throwable> done) {
            sent.add(frame);
            done.accept(null);
        }

        @Override
        public void close(int code, String reason) {
            closes.add(code + " " + reason);
        }
    };
    private final PeerSession peer = new PeerSession("p1", new Handshake(null, "127.0.0.1", null, null), sink, 16,
            new io.hitch.dispatch.Binder(jakarta.json.bind.JsonbBuilder.create()));

    @Test
    void requestSlotsAreTakenUpToTheLimitAndGivenBack() {
        assertTrue(peer.tryStartRequest(2));
        assertTrue(peer.tryStartRequest(2));
        assertFalse(peer.tryStartRequest(2));

        peer.endRequest();

        assertTrue(peer.tryStartRequest(2));
    }

    @Test
    void eachKeyHasOneBucketMadeWithTheRateOfItsFirstUse() {
        io.hitch.dispatch.TokenBucket connection = peer.bucket("*", 1, 2);

        assertSame(connection, peer.bucket("*", 1000, 1000));
        assertTrue(connection.tryTake());
        assertTrue(connection.tryTake());
        assertFalse(connection.tryTake());
        assertTrue(peer.bucket("echo", 1, 1).tryTake());
    }

    @Test
    void framesSentAreWrittenAndCounted() {
        peer.received();
        peer.send("a");
        peer.send("b");

        assertEquals(List.of("a", "b"), sent);
        assertArrayEquals(new long[] {1, 2}, peer.traffic());
    }

    @Test
    void afterTheConnectionClosedFramesAreNeitherSentNorCounted() {
        peer.closed();
        peer.send("late");

        assertEquals(List.of(), sent);
        assertArrayEquals(new long[] {0, 0}, peer.traffic());
    }

    @Test
    void thePeerIsItsOwnChannelPeerWithoutPrincipal() {
        assertSame(peer, peer.peer());
        assertEquals("p1", peer.id());
        assertTrue(peer.principal().isEmpty());
    }

    @Test
    void closeClosesTheSinkWithCodeAndReason() {
        peer.close(1001, "bye");

        assertEquals(List.of("1001 bye"), closes);
    }

    @Test
    void onlyFramesSentByTheReadingThreadAreWrittenInPlace() throws InterruptedException {
        List<String> inPlace = new ArrayList<>();
        List<String> async = new ArrayList<>();
        FrameSink both = new FrameSink() {
            @Override
            public void send(String frame, Consumer<Throwable> done) {
                async.add(frame);
                done.accept(null);
            }

            @Override
            public boolean sendNow(String frame) {
                inPlace.add(frame);
                return true;
            }

            @Override
            public void close(int code, String reason) {
                closes.add(code + " " + reason);
            }
        };
        PeerSession reader = new PeerSession("p2", new Handshake(null, "127.0.0.1", null, null), both, 16,
                new io.hitch.dispatch.Binder(jakarta.json.bind.JsonbBuilder.create()));

        reader.reading();
        reader.send("reply");
        Thread pusher = new Thread(() -> reader.send("push"));
        pusher.start();
        pusher.join();
        reader.readDone();
        reader.send("after");

        assertEquals(List.of("reply"), inPlace);
        assertEquals(List.of("push", "after"), async);
    }
}
