package io.hitch.peers;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

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
    private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
    // A ping waits its turn like a frame: the container allows one write at a time.
    private static final Waiting PING = new Waiting(null, 0);
    // One write at a time: one flag and one callback serve them all (see pump).
    private final AtomicBoolean handedOff = new AtomicBoolean();
    private final Consumer<Throwable> written = this::written;
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
        return offer(frame, Utf8.length(frame), false);
    }

    /**
     * @param frame  the text to send
     * @param size   its UTF-8 length
     * @param inPlace whether the caller is the connection's own reading thread, which may write the
     *               frame itself when nothing else is being written (a reply to what it just read)
     * @return false if the frame was refused (closed, or the peer is too far behind)
     */
    boolean offer(String frame, long size, boolean inPlace) {
        String overflow = null;
        synchronized (this) {
            if (closed || closeReason != null) {
                return false;
            }
            if (!sending && !paused) {
                // Nothing is waiting (the queue only holds frames while a send is in progress or
                // while paused): this frame goes out now, without a trip through the queue.
                sending = true;
            } else if (queue.size() >= maxFrames) {
                overflow = "more than " + maxFrames + " frames waiting";
            } else if (bytes + size > maxBytes && !queue.isEmpty()) {
                overflow = "more than " + maxBytes + " bytes waiting";
            } else {
                queue.add(new Waiting(frame, size));
                bytes += size;
                return true;
            }
            if (overflow != null) {
                closed = true;
                queue.clear();
                bytes = 0;
            }
        }
        if (overflow != null) {
            sink.closeLater(SLOW_CONSUMER_CODE, SLOW_CONSUMER + ": " + overflow);
            return false;
        }
        pump(frame, inPlace);
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
        pump(null, false);
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
        pump(null, false);
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

    /** A frame waiting its turn, with its UTF-8 length (counted once, when it was offered). */
    private record Waiting(String frame, long size) {
    }

    // One send at a time, starting with `next` if not null. A send may complete on this very thread
    // before sink.send returns; the handshake on `handedOff` decides whether this loop or the
    // completion callback sends the next frame, so the stack never grows with the queue. On the
    // connection's own reading thread frames are written in place while the transport allows it:
    // that saves the container's asynchronous hand-off for the common case of a reply, and a write
    // that blocks holds up only the connection that does not read, never a pusher or a fan-out.
    private void pump(String next, boolean inPlace) {
        String frame = next;
        while (true) {
            if (frame == null) {
                Waiting waiting;
                boolean closeNow = false;
                synchronized (this) {
                    waiting = closed ? null : queue.poll();
                    if (waiting == null) {
                        sending = false;
                        if (!closed && closeReason != null) {
                            closed = true;
                            closeNow = true;
                        }
                    } else {
                        bytes -= waiting.size();
                    }
                }
                if (waiting == null) {
                    if (closeNow) {
                        sink.close(closeCode, closeReason);
                    }
                    return;
                }
                if (waiting == PING) {
                    inPlace = false;
                    handedOff.set(false);
                    sink.ping(written);
                    if (stillWriting()) {
                        return;
                    }
                    continue;
                }
                frame = waiting.frame();
            }
            if (inPlace && writtenInPlace(frame)) {
                frame = null;
                continue;
            }
            inPlace = false;
            handedOff.set(false);
            sink.send(frame, written);
            if (stillWriting()) {
                return;
            }
            frame = null;
        }
    }

    // Called right after starting an asynchronous write. True if it is still in progress: its
    // completion callback then goes on pumping. False if it completed on this thread: the caller
    // goes on. Resetting the flag before the next write is safe: by then this write's callback has
    // either lost the race (and returned) or is the caller.
    private boolean stillWriting() {
        return handedOff.compareAndSet(false, true);
    }

    // The completion callback of every asynchronous write and ping.
    private void written(Throwable error) {
        if (error != null) {
            failed();
        }
        if (!handedOff.compareAndSet(false, true)) {
            pump(null, false);
        }
    }

    // True if the frame is done with: written, or failed (then the outbox is closed). False if the
    // transport will not write in place now.
    private boolean writtenInPlace(String frame) {
        try {
            return sink.sendNow(frame);
        } catch (SendFailedException e) {
            failed();
            return true;
        }
    }

    // A connection that cannot be written to is closed, not left open and silent.
    private void failed() {
        close();
        sink.closeLater(SEND_FAILED_CODE, "send failed");
    }
}
