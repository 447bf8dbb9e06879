package io.hitch.backplane;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongFunction;

/**
 * The recent pushes of one stream, numbered, bounded in count and age. Numbering, retaining and
 * delivering a push happen under the stream's lock, and so does a catch-up, so a client that
 * resumes gets every push after its position exactly once: from the log or live, never both.
 *
 * <p>A new log numbers from the current time in microseconds, never from 1: a group whose log was
 * dropped (idle and unreferenced) and created again must not reuse numbers a client has seen.
 */
public final class StreamLog {

    /** One retained push. @param seq its number @param frame the frame as sent @param except the peer
     *  it was not sent to, or null @param atMillis when it was published */
    public record Entry(long seq, String frame, String except, long atMillis) {
    }

    final ReentrantLock lock = new ReentrantLock();
    private final int capacity;
    private final long maxAgeMs;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long last;
    // Pushes up to this number are no longer retained. A new log has lost nothing: no reference to an
    // earlier log of the same name survives its removal (see Retention#sweep).
    private long droppedThrough = Long.MIN_VALUE;
    private long touched;

    StreamLog(int capacity, long maxAgeMs, long nowMillis) {
        this.capacity = capacity;
        this.maxAgeMs = maxAgeMs;
        this.last = nowMillis * 1000;
        this.touched = nowMillis;
    }

    /** Takes the stream's lock: numbering and delivery of its pushes wait until {@link #unlock()}. */
    public void lock() {
        lock.lock();
    }

    public void unlock() {
        lock.unlock();
    }

    /**
     * Numbers and retains a push; the caller holds the lock and delivers the frame before releasing it.
     *
     * @param frameFor builds the frame for the push's number
     * @param except   the peer that does not get it, or null
     * @return the frame
     */
    public String append(LongFunction<String> frameFor, String except, long nowMillis) {
        long seq = ++last;
        String frame = frameFor.apply(seq);
        entries.addLast(new Entry(seq, frame, except, nowMillis));
        touched = nowMillis;
        while (entries.size() > capacity) {
            droppedThrough = entries.removeFirst().seq();
        }
        return frame;
    }

    /** @return the number of the latest push (the caller holds the lock) */
    public long last() {
        return last;
    }

    /**
     * @param from     the last number the reader has (or need not have)
     * @param complete whether to answer null when some pushes after {@code from} are no longer kept
     * @return the retained pushes after {@code from}, oldest first, or null when {@code complete} is
     *         asked and some of them are no longer retained (too many since, or too old)
     */
    public List<Entry> after(long from, long nowMillis, boolean complete) {
        expire(nowMillis);
        if (complete && from < droppedThrough) {
            return null;
        }
        List<Entry> missed = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.seq() > from) {
                missed.add(entry);
            }
        }
        return missed;
    }

    /** Drops pushes older than the retention age. */
    void expire(long nowMillis) {
        while (!entries.isEmpty() && entries.peekFirst().atMillis() < nowMillis - maxAgeMs) {
            droppedThrough = entries.removeFirst().seq();
        }
    }

    /** @return whether the log holds nothing and has had no push for the retention age */
    boolean idle(long nowMillis) {
        return entries.isEmpty() && nowMillis - touched > maxAgeMs;
    }

    /** @return the number of retained pushes */
    int size() {
        return entries.size();
    }
}
