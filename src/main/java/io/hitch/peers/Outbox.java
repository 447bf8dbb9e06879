package io.hitch.peers;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The frames waiting to go to one peer, sent one at a time without blocking the caller. The queue
 * is bounded: a peer that falls further behind is closed as a slow consumer rather than growing the
 * heap or holding up anyone else.
 */
final class Outbox {

    /** Close code for a peer that does not read fast enough (policy violation). */
    static final int SLOW_CONSUMER_CODE = 1008;

    private final FrameSink sink;
    private final int maxFrames;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private boolean sending;
    private boolean closed;

    Outbox(FrameSink sink, int maxFrames) {
        this.sink = sink;
        this.maxFrames = maxFrames;
    }

    /**
     * @param frame the text to send
     * @return false if the frame was refused (closed, or the peer is too far behind)
     */
    boolean offer(String frame) {
        boolean overflow = false;
        synchronized (this) {
            if (closed) {
                return false;
            }
            if (queue.size() >= maxFrames) {
                closed = true;
                queue.clear();
                overflow = true;
            } else {
                queue.add(frame);
                if (sending) {
                    return true;
                }
                sending = true;
            }
        }
        if (overflow) {
            sink.close(SLOW_CONSUMER_CODE, "slow consumer: more than " + maxFrames + " frames waiting");
            return false;
        }
        pump();
        return true;
    }

    /** Drops everything waiting; later offers are refused. */
    synchronized void close() {
        closed = true;
        queue.clear();
    }

    synchronized int waiting() {
        return queue.size();
    }

    // One send at a time. A send may complete on this very thread before sink.send returns; the
    // handshake on `handedOff` decides whether this loop or the completion callback sends the next
    // frame, so the stack never grows with the queue.
    private void pump() {
        while (true) {
            String frame;
            synchronized (this) {
                frame = closed ? null : queue.poll();
                if (frame == null) {
                    sending = false;
                    return;
                }
            }
            AtomicBoolean handedOff = new AtomicBoolean();
            sink.send(frame, error -> {
                if (error != null) {
                    close();
                }
                if (!handedOff.compareAndSet(false, true)) {
                    pump();
                }
            });
            if (handedOff.compareAndSet(false, true)) {
                return;
            }
        }
    }
}
