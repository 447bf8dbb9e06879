package io.hitch.peers;

import io.hitch.api.RouteException;
import io.hitch.backplane.Departure;
import io.hitch.backplane.ResumeTokens;
import io.hitch.backplane.Retention;
import io.hitch.backplane.StreamLog;
import io.hitch.backplane.Streams;
import io.hitch.protocol.ErrorCode;
import io.hitch.protocol.FrameEncoder;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Missed-message recovery on one node: every group broadcast, broadcast to everyone and push to a
 * peer is numbered in its stream and kept (bounded) in {@link Retention}; a client that reconnects
 * within the window with its resume token gets its groups back and every push it missed, in order,
 * exactly once (PROTOCOL.md §5.5).
 */
final class Recovery {

    /** Recovery result, the reply of {@code hitch.resume}. @param peer the resumed peer id
     *  @param groups the groups the connection is in now @param replayed pushes sent again */
    record Recovered(String peer, List<String> groups, int replayed) {
    }

    private final PeerRegistry registry;
    private final Retention retention;
    private final ResumeTokens tokens;

    Recovery(PeerRegistry registry, Retention retention, ResumeTokens tokens) {
        this.registry = registry;
        this.retention = retention;
        this.tokens = tokens;
    }

    String tokenFor(String peerId) {
        return tokens.issue(peerId);
    }

    /** Registers a new peer where broadcasts to everyone cannot overtake its starting position. */
    void register(PeerSession peer, boolean resuming, Runnable add) {
        peer.recoverWith(this);
        if (resuming) {
            peer.positions().hold();
        }
        StreamLog all = retention.log(Streams.ALL);
        all.lock();
        try {
            add.run();
            peer.positions().from().put(Streams.ALL, all.last());
        } finally {
            all.unlock();
        }
    }

    /** Numbers a fan-out in its stream, keeps it, and sends it to the recipients that are not held. */
    void fanOut(String stream, Supplier<Collection<PeerSession>> recipients, String route, String json,
                PeerSession except) {
        StreamLog log = retention.log(stream);
        long now = System.currentTimeMillis();
        log.lock();
        try {
            String frame = log.append(seq -> FrameEncoder.push(route, json, stream, seq),
                    except == null ? null : except.id(), now);
            // The recipients are read under the lock: a peer that joins meanwhile is either among them
            // or joined after this push's number.
            for (PeerSession peer : recipients.get()) {
                if (peer != except && !peer.positions().held()) {
                    peer.send(frame);
                }
            }
        } finally {
            log.unlock();
        }
    }

    /** Numbers and keeps a push to one peer, and sends it. */
    void push(PeerSession peer, String route, String json) {
        String stream = Streams.peer(peer.id());
        StreamLog log = retention.log(stream);
        log.lock();
        try {
            peer.send(log.append(seq -> FrameEncoder.push(route, json, stream, seq), null, System.currentTimeMillis()));
        } finally {
            log.unlock();
        }
    }

    /** Keeps a push to a peer that disconnected within the window, for its resume. */
    void pushToDeparted(String peerId, String route, String json) {
        long now = System.currentTimeMillis();
        if (!retention.isDeparted(peerId, now)) {
            return;
        }
        String stream = Streams.peer(peerId);
        StreamLog log = retention.log(stream);
        log.lock();
        try {
            log.append(seq -> FrameEncoder.push(route, json, stream, seq), null, now);
        } finally {
            log.unlock();
        }
    }

    /** Joins a group at the group stream's current position. */
    boolean join(String group, PeerSession peer) {
        String stream = Streams.group(group);
        StreamLog log = retention.log(stream);
        log.lock();
        try {
            if (!registry.joinNow(group, peer)) {
                return false;
            }
            peer.positions().from().put(stream, log.last());
            return true;
        } finally {
            log.unlock();
        }
    }

    void left(String group, PeerSession peer) {
        peer.positions().from().remove(Streams.group(group));
    }

    /** Remembers a closed peer's streams and positions for the window. */
    void departed(PeerSession peer) {
        Map<String, Long> from = new HashMap<>(peer.positions().from());
        from.put(Streams.peer(peer.id()), Long.MIN_VALUE);
        retention.departed(new Departure(peer.id(), from, System.currentTimeMillis()));
    }

    /**
     * Resumes a previous connection on {@code peer}, which connected to resume and is still held.
     *
     * @param token the previous connection's resume token
     * @param seen  the last number the client received in each stream
     * @throws RouteException {@code recovery_failed} when it cannot; the peer then starts fresh
     */
    Recovered resume(PeerSession peer, String token, Map<String, Long> seen) {
        if (!peer.positions().held()) {
            throw failed("this connection cannot resume: connect with ?resume and send hitch.resume first");
        }
        String previous = tokens.verify(token).orElse(null);
        String problem = null;
        Recovered recovered = null;
        if (previous == null) {
            problem = "the resume token is not valid";
        } else if (previous.equals(peer.id())) {
            problem = "a connection cannot resume itself";
        } else {
            PeerSession stale = registry.session(previous);
            if (stale != null) {
                // The client saw its connection die before the server did: the old one makes way.
                stale.close(4000, "resumed by a new connection");
                registry.closed(stale, 4000, "resumed by a new connection");
            }
            Departure departure = retention.claim(previous, System.currentTimeMillis());
            if (departure == null) {
                problem = "nothing to resume: the previous connection ended too long ago or was resumed already";
            } else {
                recovered = catchUp(peer, departure, seen);
                if (recovered == null) {
                    problem = "some of the missed pushes are no longer kept";
                }
            }
        }
        if (problem != null) {
            release(peer);
            throw failed(problem);
        }
        return recovered;
    }

    /** Ends the hold of a peer that did not resume: it gets what it was held back from. */
    void release(PeerSession peer) {
        if (peer.positions().held()) {
            catchUp(peer, null, Map.of());
        }
    }

    // Every stream involved is locked (in name order, so two catch-ups cannot deadlock) from the gap
    // check to the last replayed frame: pushes published meanwhile wait and come after, live.
    // Returns null, having changed nothing, when a departure's missed pushes are no longer all kept.
    private Recovered catchUp(PeerSession peer, Departure departure, Map<String, Long> seen) {
        Map<String, Long> from = new TreeMap<>(peer.positions().from());
        if (departure != null) {
            departure.from().forEach((stream, position) -> from.put(stream,
                    Math.max(position, seen.getOrDefault(stream, Long.MIN_VALUE))));
        }
        Map<String, StreamLog> logs = new TreeMap<>();
        from.keySet().forEach(stream -> logs.put(stream, retention.log(stream)));
        logs.values().forEach(StreamLog::lock);
        try {
            long now = System.currentTimeMillis();
            Map<String, List<StreamLog.Entry>> missed = new TreeMap<>();
            for (Map.Entry<String, StreamLog> log : logs.entrySet()) {
                List<StreamLog.Entry> entries = log.getValue().after(from.get(log.getKey()), now, departure != null);
                if (entries == null) {
                    return null;
                }
                missed.put(log.getKey(), entries);
            }
            Set<String> excluded = departure == null ? Set.of(peer.id()) : Set.of(peer.id(), departure.peerId());
            int replayed = 0;
            for (Map.Entry<String, List<StreamLog.Entry>> stream : missed.entrySet()) {
                String group = Streams.groupOf(stream.getKey());
                if (group != null) {
                    registry.joinNow(group, peer);
                }
                for (StreamLog.Entry entry : stream.getValue()) {
                    if (entry.except() == null || !excluded.contains(entry.except())) {
                        peer.send(entry.frame());
                        replayed++;
                    }
                }
                if (!Streams.isPeer(stream.getKey())) {
                    peer.positions().from().put(stream.getKey(), logs.get(stream.getKey()).last());
                }
            }
            peer.positions().release();
            if (departure != null) {
                retention.drop(Streams.peer(departure.peerId()));
            }
            return new Recovered(departure == null ? peer.id() : departure.peerId(),
                    List.copyOf(new TreeSet<>(peer.groupNames())), replayed);
        } finally {
            logs.values().forEach(StreamLog::unlock);
        }
    }

    /** @return the streams connected peers receive, which the sweep must keep */
    Set<String> inUse(Collection<PeerSession> peers) {
        Set<String> streams = new HashSet<>();
        streams.add(Streams.ALL);
        for (PeerSession peer : peers) {
            streams.addAll(peer.positions().from().keySet());
            streams.add(Streams.peer(peer.id()));
        }
        return streams;
    }

    private static RouteException failed(String why) {
        return new RouteException(ErrorCode.RECOVERY_FAILED, why);
    }
}
