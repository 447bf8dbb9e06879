package io.hitch.peers;

import io.hitch.backplane.Streams;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where one peer stands in the streams it receives: for each stream, the number of the last push it
 * joined after (it is not entitled to earlier ones). While the peer is held (it connected to resume),
 * group and broadcast pushes are retained but not sent to it, until its resume catches it up.
 *
 * <p>Each position is a {@link Mark} that the fan-out reads directly (the group's member table holds
 * the member's mark, the broadcast to everyone reads {@link #all()}), so delivering a push to a
 * member looks nothing up by stream name.
 */
final class Positions {

    /** One stream's position; {@link #UNSET} until the peer is positioned in it. */
    static final class Mark {
        private volatile long from = UNSET;

        /** @return whether a push numbered {@code seq} is after this position */
        boolean before(long seq) {
            return seq > from;
        }
    }

    // Nothing is after it: a peer not positioned in a stream gets none of its pushes.
    private static final long UNSET = Long.MAX_VALUE;
    private final Map<String, Mark> marks = new ConcurrentHashMap<>();
    private final Mark all = new Mark();
    private volatile boolean held;
    private volatile long heldSinceNanos;

    /** @return the position in the broadcasts to everyone */
    Mark all() {
        return all;
    }

    /** @return the stream's mark, created unset if the peer has none */
    Mark mark(String stream) {
        return Streams.ALL.equals(stream) ? all : marks.computeIfAbsent(stream, s -> new Mark());
    }

    /** Positions the peer in a stream (the caller holds the stream's lock). */
    void set(String stream, long from) {
        mark(stream).from = from;
    }

    /** Forgets the position in a stream: a member table still holding its mark then delivers nothing. */
    void remove(String stream) {
        Mark mark = Streams.ALL.equals(stream) ? all : marks.remove(stream);
        if (mark != null) {
            mark.from = UNSET;
        }
    }

    /** @return the streams the peer is positioned in and its positions, a copy */
    Map<String, Long> snapshot() {
        Map<String, Long> from = new HashMap<>();
        if (all.from != UNSET) {
            from.put(Streams.ALL, all.from);
        }
        marks.forEach((stream, mark) -> {
            long position = mark.from;
            if (position != UNSET) {
                from.put(stream, position);
            }
        });
        return from;
    }

    /** Adds the streams the peer is positioned in to {@code streams}, without copying positions. */
    void addStreamsTo(Set<String> streams) {
        if (all.from != UNSET) {
            streams.add(Streams.ALL);
        }
        marks.forEach((stream, mark) -> {
            if (mark.from != UNSET) {
                streams.add(stream);
            }
        });
    }

    boolean held() {
        return held;
    }

    void hold() {
        heldSinceNanos = System.nanoTime();
        held = true;
    }

    void release() {
        held = false;
    }

    long heldSinceNanos() {
        return heldSinceNanos;
    }
}
