package io.hitch.peers;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutboxTest {

    /** A sink whose sends complete only when the test says so (or at once, when told to). */
    static final class ManualSink implements FrameSink {
        final List<String> sent = new ArrayList<>();
        final List<Consumer<Throwable>> pending = new ArrayList<>();
        final List<String> closes = new ArrayList<>();
        final List<String> writtenInPlace = new ArrayList<>();
        boolean completeAtOnce;
        boolean inPlaceAllowed;
        RuntimeException inPlaceFailure;
        Runnable duringInPlaceWrite = () -> { };
        int depth;
        int maxDepth;

        @Override
        public void send(String frame, Consumer<Throwable> done) {
            depth++;
            maxDepth = Math.max(maxDepth, depth);
            try {
                sent.add(frame);
                if (completeAtOnce) {
                    done.accept(null);
                } else {
                    pending.add(done);
                }
            } finally {
                depth--;
            }
        }

        @Override
        public boolean sendNow(String frame) {
            if (!inPlaceAllowed) {
                return false;
            }
            if (inPlaceFailure != null) {
                throw inPlaceFailure;
            }
            writtenInPlace.add(frame);
            duringInPlaceWrite.run();
            return true;
        }

        @Override
        public void ping(Consumer<Throwable> done) {
            send(PING, done);
        }

        @Override
        public void close(int code, String reason) {
            closes.add(code + " " + reason);
        }

        /** Completes the oldest send still in progress. */
        void completeNext(Throwable error) {
            pending.remove(0).accept(error);
        }
    }

    static final String PING = "<ping>";

    private final ManualSink sink = new ManualSink();

    @Test
    void aPingWaitsForTheFrameBeingSentAndTheNextFrameWaitsForThePing() {
        Outbox outbox = new Outbox(sink, 10);
        outbox.offer("a");
        outbox.ping();
        outbox.offer("b");
        assertEquals(List.of("a"), sink.sent);

        sink.completeNext(null);
        assertEquals(List.of("a", PING), sink.sent, "the ping goes once the frame before it is written");

        sink.completeNext(null);
        assertEquals(List.of("a", PING, "b"), sink.sent, "the frame after the ping waits for its write");
    }

    @Test
    void aPingThatIsNotWrittenYetLeavesTheCallerFree() {
        Outbox outbox = new Outbox(sink, 10);

        outbox.ping(); // the sink has not completed it: the caller (the heartbeat) returns all the same

        assertEquals(List.of(PING), sink.sent);
        assertEquals(1, sink.pending.size());
        assertFalse(outbox.drained(), "the ping is still being written");
        sink.completeNext(null);
        assertTrue(outbox.drained());
    }

    @Test
    void aFailedPingClosesTheConnection() {
        Outbox outbox = new Outbox(sink, 10);
        outbox.ping();

        sink.completeNext(new IOException("broken pipe"));

        assertEquals(1, sink.closes.size(), "closed: " + sink.closes);
        assertFalse(outbox.offer("late"));
    }

    @Test
    void framesAreSentInOrderOneAtATime() {
        Outbox outbox = new Outbox(sink, 10);

        assertTrue(outbox.offer("a"));
        assertTrue(outbox.offer("b"));
        assertTrue(outbox.offer("c"));

        assertEquals(List.of("a"), sink.sent, "only one send is in progress at a time");
        assertEquals(2, outbox.waiting());

        sink.completeNext(null);
        assertEquals(List.of("a", "b"), sink.sent);

        sink.completeNext(null);
        assertEquals(List.of("a", "b", "c"), sink.sent);
        assertEquals(0, outbox.waiting());

        sink.completeNext(null);
        assertEquals(List.of(), sink.pending);
    }

    @Test
    void aFrameOfferedAfterTheQueueDrainedIsSentAtOnce() {
        Outbox outbox = new Outbox(sink, 10);
        outbox.offer("a");
        sink.completeNext(null);

        outbox.offer("b");

        assertEquals(List.of("a", "b"), sink.sent);
    }

    @Test
    void sendsCompletingInsideSendAreDrainedWithoutRecursion() {
        Outbox outbox = new Outbox(sink, 200_000);
        outbox.offer("first");
        for (int i = 0; i < 100_000; i++) {
            outbox.offer("f" + i);
        }
        assertEquals(100_000, outbox.waiting());
        sink.completeAtOnce = true;

        sink.completeNext(null); // every later send completes before sink.send returns

        assertEquals(100_001, sink.sent.size());
        assertEquals("f99999", sink.sent.get(100_000));
        assertEquals(1, sink.maxDepth, "a completion inside send must not start the next send inside it");
        assertEquals(0, outbox.waiting());
    }

    @Test
    void aSynchronouslyCompletingSinkGetsEveryFrameInOrder() {
        sink.completeAtOnce = true;
        Outbox outbox = new Outbox(sink, 1);

        for (int i = 0; i < 100_000; i++) {
            assertTrue(outbox.offer("f" + i));
        }

        assertEquals(100_000, sink.sent.size());
        assertEquals("f0", sink.sent.get(0));
        assertEquals("f99999", sink.sent.get(99_999));
        assertEquals(List.of(), sink.closes);
    }

    @Test
    void sendsCompletingOnOtherThreadsOrInPlaceInAnyMixAreEachSentOnceAndInOrder() throws Exception {
        // The container completes some writes before send returns and others on its own threads,
        // racing the next offer: every write reuses the outbox's one completion handshake.
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        ExecutorService container = Executors.newFixedThreadPool(3);
        AtomicInteger writesAtOnce = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        FrameSink racing = new FrameSink() {
            @Override
            public void send(String frame, Consumer<Throwable> done) {
                mostAtOnce.accumulateAndGet(writesAtOnce.incrementAndGet(), Math::max);
                written.add(frame);
                Runnable complete = () -> {
                    writesAtOnce.decrementAndGet();
                    done.accept(null);
                };
                if (frame.hashCode() % 3 == 0) {
                    complete.run();
                } else {
                    container.execute(complete);
                }
            }

            @Override
            public void close(int code, String reason) {
                written.add("closed " + reason);
            }
        };
        Outbox outbox = new Outbox(racing, 100_000);
        try {
            for (int i = 0; i < 20_000; i++) {
                assertTrue(outbox.offer("f" + i));
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!outbox.drained() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        } finally {
            container.shutdown();
        }

        assertTrue(outbox.drained());
        assertEquals(20_000, written.size());
        for (int i = 0; i < 20_000; i++) {
            assertEquals("f" + i, written.get(i));
        }
        assertEquals(1, mostAtOnce.get(), "one write at a time");
    }

    @Test
    void maxFramesMayWaitBehindTheFrameBeingSent() {
        Outbox outbox = new Outbox(sink, 2);

        assertTrue(outbox.offer("sending"));
        assertTrue(outbox.offer("w1"));
        assertTrue(outbox.offer("w2"));

        assertEquals(List.of(), sink.closes);
        assertEquals(2, outbox.waiting());
    }

    @Test
    void aFrameBeyondMaxFramesClosesTheSinkAsASlowConsumer() {
        Outbox outbox = new Outbox(sink, 2);
        outbox.offer("sending");
        outbox.offer("w1");
        outbox.offer("w2");

        assertFalse(outbox.offer("overflow"));

        assertEquals(List.of("1008 slow consumer: more than 2 frames waiting"), sink.closes);
        assertEquals(0, outbox.waiting(), "the waiting frames are dropped");
    }

    @Test
    void afterAnOverflowLaterFramesAreRefusedAndNothingMoreIsSent() {
        Outbox outbox = new Outbox(sink, 1);
        outbox.offer("sending");
        outbox.offer("w1");
        outbox.offer("overflow");

        assertFalse(outbox.offer("later"));
        sink.completeNext(null);

        assertEquals(List.of("sending"), sink.sent);
        assertEquals(1, sink.closes.size(), "the sink is closed once");
    }

    @Test
    void aFailedSendStopsSendingAndRefusesLaterFrames() {
        Outbox outbox = new Outbox(sink, 10);
        outbox.offer("a");
        outbox.offer("b");
        outbox.offer("c");

        sink.completeNext(new IOException("broken pipe"));

        assertEquals(List.of("a"), sink.sent);
        assertEquals(0, outbox.waiting());
        assertFalse(outbox.offer("d"));
        assertEquals(List.of("a"), sink.sent);
    }

    @Test
    void aFailedSynchronousSendStopsSending() {
        FrameSink failing = new FrameSink() {
            @Override
            public void send(String frame, Consumer<Throwable> done) {
                sink.sent.add(frame);
                done.accept(new IOException("closed"));
            }

            @Override
            public void close(int code, String reason) {
                sink.closes.add(code + " " + reason);
            }
        };
        Outbox outbox = new Outbox(failing, 10);

        assertTrue(outbox.offer("a"));
        assertFalse(outbox.offer("b"));

        assertEquals(List.of("a"), sink.sent);
    }

    @Test
    void closingDropsWaitingFramesAndRefusesLaterOnes() {
        Outbox outbox = new Outbox(sink, 10);
        outbox.offer("a");
        outbox.offer("b");

        outbox.close();
        sink.completeNext(null);

        assertFalse(outbox.offer("c"));
        assertEquals(List.of("a"), sink.sent);
        assertEquals(List.of(), sink.closes, "close() leaves closing the connection to the transport");
    }

    @Test
    void aFrameOfferedInPlaceWhileNothingIsBeingSentIsWrittenInPlace() {
        sink.inPlaceAllowed = true;
        Outbox outbox = new Outbox(sink, 10);

        assertTrue(outbox.offer("reply", 5, true));

        assertEquals(List.of("reply"), sink.writtenInPlace);
        assertEquals(List.of(), sink.sent, "no asynchronous send");
        assertTrue(outbox.drained());
    }

    @Test
    void aFrameOfferedInPlaceWhileASendIsInProgressWaitsForItsTurnAndGoesAsynchronously() {
        sink.inPlaceAllowed = true;
        Outbox outbox = new Outbox(sink, 10);
        outbox.offer("push");

        assertTrue(outbox.offer("reply", 5, true));
        assertEquals(List.of(), sink.writtenInPlace, "the reading thread never writes while another send runs");
        sink.completeNext(null);

        assertEquals(List.of("push", "reply"), sink.sent);
    }

    @Test
    void framesOfferedDuringAWriteInPlaceFollowItInOrder() {
        sink.inPlaceAllowed = true;
        Outbox outbox = new Outbox(sink, 10);
        sink.duringInPlaceWrite = () -> {
            sink.duringInPlaceWrite = () -> { };
            assertTrue(outbox.offer("push-1"), "another thread's push is queued");
            assertTrue(outbox.offer("push-2"));
        };

        outbox.offer("reply", 5, true);

        assertEquals(List.of("reply", "push-1", "push-2"), sink.writtenInPlace);
        assertTrue(outbox.drained());
    }

    @Test
    void framesNotOfferedInPlaceAreNeverWrittenInPlace() {
        sink.inPlaceAllowed = true;
        Outbox outbox = new Outbox(sink, 10);

        outbox.offer("push");

        assertEquals(List.of("push"), sink.sent);
        assertEquals(List.of(), sink.writtenInPlace);
    }

    @Test
    void whenTheTransportDeclinesAWriteInPlaceTheFrameIsSentAsynchronously() {
        Outbox outbox = new Outbox(sink, 10);

        assertTrue(outbox.offer("reply", 5, true));

        assertEquals(List.of("reply"), sink.sent);
        assertFalse(outbox.drained(), "the asynchronous send is still in progress");
    }

    @Test
    void aFailedWriteInPlaceClosesTheConnectionAndRefusesLaterFrames() {
        sink.inPlaceAllowed = true;
        sink.inPlaceFailure = new SendFailedException(new IOException("broken pipe"));
        Outbox outbox = new Outbox(sink, 10);

        outbox.offer("reply", 5, true);

        assertEquals(List.of("1011 send failed"), sink.closes);
        assertFalse(outbox.offer("later"));
        assertEquals(List.of(), sink.sent);
    }

    @Test
    void aCloseAfterSendingRequestedDuringAWriteInPlaceClosesOnceItIsWritten() {
        sink.inPlaceAllowed = true;
        Outbox outbox = new Outbox(sink, 10);
        sink.duringInPlaceWrite = () -> {
            outbox.closeAfterSending(1008, "rate limit exceeded");
            assertEquals(List.of(), sink.closes, "not while the write is in progress");
        };

        outbox.offer("reply", 5, true);

        assertEquals(List.of("1008 rate limit exceeded"), sink.closes);
    }
}
