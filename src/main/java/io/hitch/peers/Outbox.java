package io.hitch.peers;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The frames waiting to go to one peer, sent one at a time without blocking the caller. The queue
 * is bounded in frames and bytes: a peer that falls further behind is closed as a slow consumer
 * rather than growing the heap or holding up anyone else.
 */
public final class Outbox {

    /** Close code for a peer that does not read fast enough (policy violation). */
    static final int SLOW_CONSUMER_CODE = 1008;
    /** Close code after a failed write. */
    static final int SEND_FAILED_CODE = 1011;
    /** Close reasons of slow consumers start with this. */
    static final String SLOW_CONSUMER = "slow consumer";

    private final FrameSink sink;
    private final int maxFrames;
    private final long maxBytes;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    // A ping waits its turn like a frame: the container allows one write at a time.
    private static final String PING = new String("ping");
    private long bytes;
    private boolean sending;
    private boolean paused;
    private boolean closed;
    private int closeCode;
    private String closeReason;

    Outbox(FrameSink sink, int maxFrames) {
        this(sink, maxFrames, Long.MAX_VALUE);
    }

    public Outbox(FrameSink sink, int maxFrames, long maxBytes) {
        this.sink = sink;
        this.maxFrames = maxFrames;
        this.maxBytes = maxBytes;
    }

    /**
     * @param frame the text to send
     * @return false if the frame was refused (closed, or the peer is too far behind)
     */
    public boolean offer(String frame) {
        return offer(frame, Utf8.length(frame));
    }

    /**
     * @param frame the text to send
     * @param size  its UTF-8 length
     * @return false if the frame was refused (closed, or the peer is too far behind)
     */
    boolean offer(String frame, long size) {
        String overflow = null;
        synchronized (this) {
            if (closed || closeReason != null) {
                return false;
            }
            if (queue.size() >= maxFrames) {
                overflow = "more than " + maxFrames + " frames waiting";
            } else if (bytes + size > maxBytes && !queue.isEmpty()) {
                overflow = "more than " + maxBytes + " bytes waiting";
            }
            if (overflow != null) {
                closed = true;
                queue.clear();
                bytes = 0;
            } else {
                queue.add(frame);
                bytes += size;
                if (sending || paused) {
                    return true;
                }
                sending = true;
            }
        }
        if (overflow != null) {
            sink.closeLater(SLOW_CONSUMER_CODE, SLOW_CONSUMER + ": " + overflow);
            return false;
        }
        pump();
        return true;
    }

    /** Queues without sending until {@link #resume()}: lets a welcome be queued before anything else. */
    synchronized void pause() {
        paused = true;
    }

    /** Starts sending what was queued while paused. */
    void resume() {
        synchronized (this) {
            paused = false;
            if (sending || queue.isEmpty() || closed) {
                return;
            }
            sending = true;
        }
        pump();
    }

    /** Sends a WebSocket ping once the frames before it are written. */
    public void ping() {
        synchronized (this) {
            if (closed || closeReason != null || queue.size() >= maxFrames) {
                return;
            }
            queue.add(PING);
            if (sending || paused) {
                return;
            }
            sending = true;
        }
        pump();
    }

    /** Sends what is queued, then closes the connection; later offers are refused. */
    public void closeAfterSending(int code, String reason) {
        synchronized (this) {
            if (closed || closeReason != null) {
                return;
            }
            closeCode = code;
            closeReason = reason;
            if (sending) {
                return;
            }
            closed = true;
        }
        sink.close(code, reason);
    }

    /** Drops everything waiting; later offers are refused. */
    public synchronized void close() {
        closed = true;
        queue.clear();
        bytes = 0;
    }

    /** @return whether nothing is waiting or being written */
    public synchronized boolean drained() {
        return queue.isEmpty() && !sending;
    }

    synchronized int waiting() {
        return queue.size();
    }

    synchronized long waitingBytes() {
        return bytes;
    }

    // One send at a time. A send may complete on this very thread before sink.send returns; the
    // handshake on `handedOff` decides whether this loop or the completion callback sends the next
    // frame, so the stack never grows with the queue.
    private void pump() {
        while (true) {
            String frame;
            boolean closeNow = false;
            synchronized (this) {
                frame = closed ? null : queue.poll();
                if (frame == null) {
                    sending = false;
                    if (!closed && closeReason != null) {
                        closed = true;
                        closeNow = true;
                    }
                } else if (frame != PING) {
                    bytes -= Utf8.length(frame);
                }
            }
            if (frame == null) {
                if (closeNow) {
                    sink.close(closeCode, closeReason);
                }
                return;
            }
            if (frame == PING) {
                sink.ping();
                continue;
            }
            AtomicBoolean handedOff = new AtomicBoolean();
            sink.send(frame, error -> {
                if (error != null) {
                    // A connection that cannot be written to is closed, not left open and silent.
                    close();
                    sink.closeLater(SEND_FAILED_CODE, "send failed");
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
