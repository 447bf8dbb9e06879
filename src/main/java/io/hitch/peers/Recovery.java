package io.hitch.peers;

import io.hitch.api.RouteException;
import io.hitch.backplane.Backplane;
import io.hitch.backplane.Departure;
import io.hitch.backplane.ResumeTokens;
import io.hitch.backplane.StreamLog;
import io.hitch.backplane.Streams;
import io.hitch.protocol.ErrorCode;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Missed-message recovery: every group broadcast, broadcast to everyone and push to a peer goes
 * through the {@link Backplane}, which numbers it in its stream, keeps it (bounded) and delivers it
 * to every node; this class delivers to this node's peers and resumes clients that come back within
 * the window: their groups and every push they missed, in order, exactly once (PROTOCOL.md §5.5).
 */
final class Recovery implements Backplane.Deliveries {

    /** Recovery result, the reply of {@code hitch.resume}. @param peer the resumed peer id
     *  @param groups the groups the connection is in now @param replayed pushes sent again */
    record Recovered(String peer, List<String> groups, int replayed) {
    }

    private final PeerRegistry registry;
    private final Backplane backplane;
    private final ResumeTokens tokens;
    // One catch-up at a time on this node: a catch-up holds several stream locks, publishers one.
    private final ReentrantLock catchUps = new ReentrantLock();

    Recovery(PeerRegistry registry, Backplane backplane, ResumeTokens tokens) {
        this.registry = registry;
        this.backplane = backplane;
        this.tokens = tokens;
        backplane.start(this);
    }

    String tokenFor(String peerId) {
        return tokens.issue(peerId);
    }

    Backplane backplane() {
        return backplane;
    }

    /** Registers a new peer where broadcasts to everyone cannot overtake its starting position. */
    void register(PeerSession peer, boolean resuming, Runnable add) {
        peer.recoverWith(this);
        if (resuming) {
            peer.positions().hold();
        }
        Lock lock = backplane.lock(Streams.ALL);
        lock.lock();
        try {
            add.run();
            long position = backplane.position(Streams.ALL);
            peer.positions().set(Streams.ALL, position);
            backplane.connected(new io.hitch.backplane.PeerPresence(peer.id(), backplane.nodeId(),
                    peer.principal().map(java.security.Principal::getName).orElse(null), peer.remoteAddress(),
                    peer.handshake().origin(), peer.connectedAt()));
            backplane.positioned(peer.id(), Streams.ALL, position);
        } finally {
            lock.unlock();
        }
    }

    void fanOut(String stream, String route, String json, PeerSession except) {
        backplane.publish(stream, route, json, except == null ? null : except.id());
    }

    void push(PeerSession peer, String route, String json) {
        backplane.publish(Streams.peer(peer.id()), route, json, null);
    }

    /**
     * Pushes to a peer that is not on this node: on another node, or disconnected within the window
     * (kept for its resume).
     *
     * @return whether it is connected to another node
     */
    boolean pushElsewhere(String peerId, String route, String json) {
        boolean connected = backplane.locate(peerId).isPresent();
        if (connected || backplane.isDeparted(peerId)) {
            backplane.publish(Streams.peer(peerId), route, json, null);
        }
        return connected;
    }

    // Runs under the stream's lock, in number order. A peer gets a push numbered after its position
    // in the stream, unless it is held (it will be caught up) or is the one left out. Per member this
    // reads fields only: the frame's UTF-8 length is counted once, and each member's position comes
    // with it from the group's member table.
    @Override
    public void deliver(String stream, long seq, String frame, String except) {
        Lock lock = backplane.lock(stream);
        lock.lock();
        try {
            if (Streams.isPeer(stream)) {
                PeerSession peer = registry.session(stream.substring(5));
                if (peer != null) {
                    peer.send(frame);
                }
                return;
            }
            Fanout fanout = new Fanout(seq, frame, Utf8.length(frame), except);
            String group = Streams.groupOf(stream);
            if (group == null) {
                for (PeerSession peer : registry.sessions()) {
                    fanout.deliver(peer, peer.positions().all());
                }
            } else {
                registry.memberMarks(group).forEach(fanout::deliver);
            }
        } finally {
            lock.unlock();
        }
    }

    // One push on its way to the members of a stream. A local sender's id is the very string
    // compared (equals returns on identity), and a push without `except` compares nothing.
    private record Fanout(long seq, String frame, long size, String except) {
        void deliver(PeerSession peer, Positions.Mark position) {
            if (position.before(seq) && !peer.positions().held() && (except == null || !except.equals(peer.id()))) {
                peer.send(frame, size);
            }
        }
    }

    @Override
    public void takenOver(String peerId) {
        PeerSession stale = registry.session(peerId);
        if (stale != null) {
            stale.close(4000, "resumed by a new connection");
            registry.closed(stale, 4000, "resumed by a new connection");
        }
    }

    // Closed as an operator's disconnect on this node is: the container reports the close.
    @Override
    public void closeAsked(String peerId, int code, String reason) {
        PeerSession peer = registry.session(peerId);
        if (peer != null) {
            peer.close(code, reason);
        }
    }

    @Override
    public Map<String, Map<String, Long>> snapshot() {
        Map<String, Map<String, Long>> peers = new HashMap<>();
        for (PeerSession peer : registry.sessions()) {
            peers.put(peer.id(), Map.copyOf(peer.positions().snapshot()));
        }
        return peers;
    }

    @Override
    public java.util.concurrent.CompletableFuture<jakarta.json.JsonValue> asked(String peerId, String route,
            String dataJson, String from, java.time.Duration timeout, boolean answerWanted) {
        PeerSession peer = registry.session(peerId);
        if (peer == null || !peer.isOpen()) {
            return java.util.concurrent.CompletableFuture.failedFuture(
                    new RouteException(ErrorCode.UNAVAILABLE, "no peer '" + peerId + "' is connected"));
        }
        if (!answerWanted) {
            peer.send(io.hitch.protocol.FrameEncoder.request(route, null, dataJson, from));
            return java.util.concurrent.CompletableFuture.completedFuture(jakarta.json.JsonValue.NULL);
        }
        return peer.ask(route, dataJson, from, timeout);
    }

    /** Joins a group at the group stream's current position. */
    boolean join(String group, PeerSession peer) {
        String stream = Streams.group(group);
        Lock lock = backplane.lock(stream);
        lock.lock();
        try {
            if (!registry.joinNow(group, peer)) {
                return false;
            }
            long position = backplane.position(stream);
            peer.positions().set(stream, position);
            backplane.positioned(peer.id(), stream, position);
            return true;
        } finally {
            lock.unlock();
        }
    }

    void left(String group, PeerSession peer) {
        String stream = Streams.group(group);
        peer.positions().remove(stream);
        backplane.positioned(peer.id(), stream, null);
    }

    /** Remembers a closed peer's streams and positions for the window. */
    void departed(PeerSession peer) {
        Map<String, Long> from = peer.positions().snapshot();
        from.put(Streams.peer(peer.id()), Long.MIN_VALUE);
        backplane.departed(peer.id(), from);
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
            // The client saw its connection die before the server did: the old one makes way.
            takenOver(previous);
            Departure departure = backplane.claim(previous);
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

    // Every stream involved is locked from the read of its kept pushes to the last replayed frame,
    // and the peer's position is moved past them: a push delivered meanwhile, or later with a number
    // already replayed, is not sent twice. Returns null, having changed nothing, when a departure's
    // missed pushes are no longer all kept.
    private Recovered catchUp(PeerSession peer, Departure departure, Map<String, Long> seen) {
        Map<String, Long> from = new TreeMap<>(peer.positions().snapshot());
        if (departure != null) {
            departure.from().forEach((stream, position) -> from.put(stream,
                    Math.max(position, seen.getOrDefault(stream, Long.MIN_VALUE))));
        }
        catchUps.lock();
        Map<String, Lock> locks = new TreeMap<>();
        try {
            for (String stream : from.keySet()) {
                Lock lock = backplane.lock(stream);
                lock.lock();
                locks.put(stream, lock);
            }
            Map<String, List<StreamLog.Entry>> missed = new TreeMap<>();
            for (Map.Entry<String, Long> stream : from.entrySet()) {
                List<StreamLog.Entry> entries = backplane.after(stream.getKey(), stream.getValue(), departure != null);
                if (entries == null && departure != null) {
                    return null;
                }
                if (entries == null) {
                    // The backplane cannot be read: a peer that only waited is let go with nothing.
                    entries = List.of();
                }
                missed.put(stream.getKey(), entries);
            }
            Set<String> excluded = departure == null ? Set.of(peer.id()) : Set.of(peer.id(), departure.peerId());
            int replayed = 0;
            for (Map.Entry<String, List<StreamLog.Entry>> stream : missed.entrySet()) {
                String group = Streams.groupOf(stream.getKey());
                if (group != null) {
                    registry.joinNow(group, peer);
                }
                long position = from.get(stream.getKey());
                for (StreamLog.Entry entry : stream.getValue()) {
                    if (entry.except() == null || !excluded.contains(entry.except())) {
                        peer.send(entry.frame());
                        replayed++;
                    }
                    position = Math.max(position, entry.seq());
                }
                if (!Streams.isPeer(stream.getKey())) {
                    peer.positions().set(stream.getKey(), position);
                    backplane.positioned(peer.id(), stream.getKey(), position);
                }
            }
            peer.positions().release();
            return new Recovered(departure == null ? peer.id() : departure.peerId(),
                    List.copyOf(new TreeSet<>(peer.groupNames())), replayed);
        } finally {
            locks.values().forEach(Lock::unlock);
            catchUps.unlock();
        }
    }

    /** @return the streams connected peers receive, which the sweep must keep */
    Set<String> inUse(Collection<PeerSession> peers) {
        Set<String> streams = new HashSet<>();
        streams.add(Streams.ALL);
        for (PeerSession peer : peers) {
            peer.positions().addStreamsTo(streams);
            streams.add(Streams.peer(peer.id()));
        }
        return streams;
    }

    private static RouteException failed(String why) {
        return new RouteException(ErrorCode.RECOVERY_FAILED, why);
    }
}
