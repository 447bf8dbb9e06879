package io.hitch.peers;

import io.hitch.api.Group;
import io.hitch.api.Peer;
import io.hitch.api.PeerConnected;
import io.hitch.api.PeerDisconnected;
import io.hitch.api.Peers;
import io.hitch.api.RouteException;
import io.hitch.backplane.Backplane;
import io.hitch.backplane.MemoryBackplane;
import io.hitch.backplane.ResumeTokens;
import io.hitch.backplane.Streams;
import io.hitch.config.AccessConfig;
import io.hitch.config.FlowConfig;
import io.hitch.config.HitchConfig;
import io.hitch.config.RecoveryConfig;
import io.hitch.dispatch.Binder;
import io.hitch.dispatch.Welcome;
import io.hitch.protocol.ErrorCode;
import io.hitch.protocol.FrameEncoder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The in-memory {@link Peers}: the connected peers of this server, their groups, fan-out, and
 * their open and close. A multi-node backplane implements {@link Peers} over this same local
 * registry, so route code does not change.
 */
@ApplicationScoped
public class PeerRegistry implements Peers {

    /** Close code sent to every peer when the application stops. */
    public static final int GOING_AWAY = 1001;
    /** Close code for a peer that stopped answering pings. */
    public static final int PING_TIMEOUT = 4408;
    private static final Logger LOG = Logger.getLogger("io.hitch");

    private final Map<String, PeerSession> peers = new ConcurrentHashMap<>();
    private final GroupTable groups = new GroupTable();
    private final ConnectionCaps caps = new ConnectionCaps();
    private final LongAdder closedFramesIn = new LongAdder();
    private final LongAdder closedFramesOut = new LongAdder();
    private HitchConfig config;
    private FlowConfig flow = FlowConfig.defaults();
    private Binder binder;
    private Event<PeerConnected> connected;
    private Event<PeerDisconnected> disconnected;
    // Null when recovery is off: pushes are then neither numbered nor kept.
    private Recovery recovery;
    private Elsewhere elsewhere;

    protected PeerRegistry() {
        // for CDI proxies
    }

    public PeerRegistry(HitchConfig config, Binder binder, Event<PeerConnected> connected,
                        Event<PeerDisconnected> disconnected) {
        this(config, FlowConfig.defaults(), binder, connected, disconnected);
    }

    public PeerRegistry(HitchConfig config, FlowConfig flow, Binder binder, Event<PeerConnected> connected,
                        Event<PeerDisconnected> disconnected) {
        this(config, flow, RecoveryConfig.off(), AccessConfig.defaults(), null, binder, connected, disconnected);
    }

    /** A registry of one node with recovery as configured (in memory). */
    public PeerRegistry(HitchConfig config, FlowConfig flow, RecoveryConfig recoveryConfig, AccessConfig access,
                        Binder binder, Event<PeerConnected> connected, Event<PeerDisconnected> disconnected) {
        this(config, flow, recoveryConfig, access, recoveryConfig.enabled() ? new MemoryBackplane(recoveryConfig)
                : null, binder, connected, disconnected);
    }

    /**
     * @param backplane numbers, keeps and delivers pushes (and shares them with other nodes); null
     *                  when recovery is off and this node is on its own
     */
    @Inject
    public PeerRegistry(HitchConfig config, FlowConfig flow, RecoveryConfig recoveryConfig, AccessConfig access,
                        Backplane backplane, Binder binder, Event<PeerConnected> connected,
                        Event<PeerDisconnected> disconnected) {
        this.config = config;
        this.flow = flow;
        this.binder = binder;
        this.connected = connected;
        this.disconnected = disconnected;
        if (backplane != null && recoveryConfig.enabled()) {
            this.recovery = new Recovery(this, backplane, new ResumeTokens(access.tokenSecret()));
        }
        this.elsewhere = new Elsewhere(recovery, binder);
    }

    /**
     * Registers a new connection, sends it its welcome, then tells observers.
     *
     * @param sink      the transport's side of the connection
     * @param handshake what the upgrade request said
     * @param welcome   builds the welcome frame for a peer id
     * @return the new peer
     */
    public PeerSession open(FrameSink sink, Handshake handshake, UnaryOperator<String> welcome) {
        PeerSession peer = new PeerSession(PeerIds.next(), handshake, sink, config.outboundMaxFrames(),
                flow.outboundMaxBytes(), binder);
        // The welcome is queued before the peer is visible to fan-out, so nothing overtakes it, and
        // sent only once the peer is registered, so a client that reacts to it finds the peer.
        peer.pause();
        if (recovery == null) {
            peer.send(welcome.apply(peer.id()));
            peers.put(peer.id(), peer);
        } else {
            peer.send(Welcome.withResumeToken(welcome.apply(peer.id()), recovery.tokenFor(peer.id())));
            recovery.register(peer, handshake.resuming(), () -> peers.put(peer.id(), peer));
        }
        peer.resume();
        LOG.info(() -> "Peer " + peer.id() + " connected from " + handshake.remoteAddress()
                + (handshake.principal() == null ? "" : " as " + handshake.principal().getName())
                + " (" + peers.size() + " connected)");
        notifyObservers(() -> connected.fire(new PeerConnected(peer)), peer);
        return peer;
    }

    /**
     * Forgets a closed connection: it leaves its groups, the requests the server sent it fail with
     * {@code unavailable}, and observers are told.
     */
    public void closed(PeerSession peer, int code, String reason) {
        if (peers.remove(peer.id()) == null) {
            return;
        }
        try {
            forget(peer, code, reason);
        } finally {
            peer.recorded();
        }
    }

    private void forget(PeerSession peer, int code, String reason) {
        caps.release(peer.principal().map(java.security.Principal::getName).orElse(null), peer.remoteAddress());
        List<String> memberships;
        synchronized (peer) {
            peer.closed();
            memberships = List.copyOf(peer.groupNames());
        }
        memberships.forEach(name -> removeMember(name, peer));
        if (recovery != null) {
            recovery.departed(peer);
        }
        long[] traffic = peer.traffic();
        closedFramesIn.add(traffic[0]);
        closedFramesOut.add(traffic[1]);
        LOG.info(() -> "Peer " + peer.id() + " disconnected: " + code + (reason == null || reason.isEmpty() ? ""
                : " " + reason.replaceAll("\\p{Cntrl}", "?")) + " after " + Duration.between(peer.connectedAt(), Instant.now()).toSeconds()
                + " s, frames in " + traffic[0] + ", out " + traffic[1]);
        notifyObservers(() -> disconnected.fire(new PeerDisconnected(peer, code, reason == null ? "" : reason)), peer);
    }

    // With a backplane, a peer on another node is found too, as a RemotePeer.
    @Override
    public Optional<Peer> find(String peerId) {
        PeerSession local = peerId == null ? null : peers.get(peerId);
        if (local != null) {
            return Optional.of(local);
        }
        return elsewhere.nodeOf(peerId).map(node -> new RemotePeer(peerId, node, this));
    }

    /** @return the open session with that id, or null */
    public PeerSession session(String peerId) {
        return peerId == null ? null : peers.get(peerId);
    }

    @Override
    public Collection<Peer> all() {
        return List.copyOf(peers.values());
    }

    @Override
    public Group group(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a group needs a name");
        }
        return new LocalGroup(name, this);
    }

    @Override
    public Set<String> groups() {
        return groups.names();
    }

    @Override
    public boolean push(String peerId, String route, Object data) {
        PeerSession peer = session(peerId);
        if (peer == null) {
            return recovery != null && peerId != null && recovery.pushElsewhere(peerId, route, binder.toJson(data));
        }
        peer.push(route, data);
        return true;
    }

    @Override
    public void broadcast(String route, Object data) {
        fanOut(Streams.ALL, peers::values, route, data, null);
    }

    @Override
    public void broadcast(String route, Object data, Peer except) {
        fanOut(Streams.ALL, peers::values, route, data, except);
    }

    Collection<PeerSession> members(String group) {
        return groups.members(group);
    }

    /** @return the group's members with their positions in its stream (a live view), or an empty map */
    Map<PeerSession, Positions.Mark> memberMarks(String group) {
        return groups.marks(group);
    }

    boolean join(String group, Peer peer) {
        PeerSession session = own(peer);
        return recovery == null ? joinNow(group, session) : recovery.join(group, session);
    }

    boolean joinNow(String group, PeerSession session) {
        synchronized (session) {
            if (!session.isOpen() || !session.groupNames().add(group)) {
                return false;
            }
            groups.add(group, session, session.positions().mark(Streams.group(group)));
            return true;
        }
    }

    boolean leave(String group, Peer peer) {
        PeerSession session = own(peer);
        synchronized (session) {
            if (!session.isOpen() || !session.groupNames().remove(group)) {
                return false;
            }
        }
        removeMember(group, session);
        if (recovery != null) {
            recovery.left(group, session);
        }
        return true;
    }

    // The frame is built once, whatever the number of recipients.
    void fanOut(String stream, Supplier<Collection<PeerSession>> recipients, String route, Object data,
                Peer except) {
        if (recovery != null) {
            recovery.fanOut(stream, route, binder.toJson(data), except instanceof PeerSession s ? s : null);
            return;
        }
        String frame = FrameEncoder.push(route, binder.toJson(data));
        long size = Utf8.length(frame);
        for (PeerSession peer : recipients.get()) {
            if (peer != except) {
                peer.send(frame, size);
            }
        }
    }

    private void removeMember(String group, PeerSession peer) {
        groups.remove(group, peer);
        if (recovery == null) {
            // With recovery, Recovery#left forgets the position and tells the backplane.
            peer.positions().remove(Streams.group(group));
        }
    }

    private static PeerSession own(Peer peer) {
        if (peer instanceof PeerSession session) {
            return session;
        }
        throw new IllegalArgumentException("not a peer of this server: " + peer);
    }

    private static void notifyObservers(Runnable fire, Peer peer) {
        try {
            fire.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "An observer of " + peer + " failed", e);
        }
    }

    /** @return frames received and sent by every peer since the start, closed ones included */
    public long[] totals() {
        long in = closedFramesIn.sum();
        long out = closedFramesOut.sum();
        for (PeerSession peer : peers.values()) {
            long[] traffic = peer.traffic();
            in += traffic[0];
            out += traffic[1];
        }
        return new long[] {in, out};
    }

    /** @return the open sessions */
    public Collection<PeerSession> sessions() {
        return peers.values();
    }

    /** @return the connections counted against the caps per user and per address */
    public ConnectionCaps caps() {
        return caps;
    }

    /**
     * Pings every peer, and closes those that have not answered a ping for {@code timeoutNanos}.
     *
     * @return the number of peers closed
     */
    public int sweep(long timeoutNanos) {
        long now = System.nanoTime();
        int dead = 0;
        for (PeerSession peer : peers.values()) {
            if (now - peer.lastPong() > timeoutNanos) {
                peer.close(PING_TIMEOUT, "ping timeout");
                dead++;
            } else {
                peer.ping();
            }
        }
        return dead;
    }

    /** @return the peers connected to other nodes */
    public Elsewhere elsewhere() {
        return elsewhere;
    }

    /**
     * Resumes a previous connection on {@code peer} (PROTOCOL.md §5.5).
     *
     * @throws RouteException {@code recovery_failed}, when it cannot
     */
    Recovery.Recovered resume(PeerSession peer, String token, Map<String, Long> seen) {
        if (recovery == null) {
            throw new RouteException(ErrorCode.RECOVERY_FAILED,
                    "recovery is turned off on this server");
        }
        return recovery.resume(peer, token, seen);
    }

    /** @return stream logs and departures kept for recovery (zeros when it is off) */
    public int[] retainedSizes() {
        return recovery != null && recovery.backplane() instanceof MemoryBackplane memory ? memory.sizes() : new int[2];
    }

    /**
     * Lets go of peers that connected to resume but did not within {@code holdNanos}, and forgets
     * what the recovery window no longer covers.
     */
    public void upkeep(long holdNanos) {
        if (recovery == null) {
            return;
        }
        long now = System.nanoTime();
        for (PeerSession peer : peers.values()) {
            if (peer.positions().held() && now - peer.positions().heldSinceNanos() > holdNanos) {
                recovery.release(peer);
            }
        }
        recovery.backplane().sweep(recovery.inUse(peers.values()));
    }

    // Requests still running are answered `unavailable` before each connection closes with 1001.
    // It runs before the application's beans are destroyed (not in @PreDestroy, whose order among
    // beans is unspecified): recording a close needs the backplane, to keep the peer's positions
    // for its resume elsewhere, and a close callback of the container may arrive meanwhile.
    void beforeShutdown(@Observes(notifyObserver = Reception.IF_EXISTS)
                        @BeforeDestroyed(ApplicationScoped.class) Object application) {
        shutdown();
    }

    void shutdown() {
        ShutdownDrain.closeAll(List.copyOf(peers.values()), peer -> closed(peer, GOING_AWAY, "server shutting down"));
    }
}
