package io.hitch.manager;

import io.hitch.dispatch.RouteExtension;
import io.hitch.dispatch.RouteEntry;
import io.hitch.peers.PeerRegistry;
import io.hitch.peers.PeerSession;
import jakarta.enterprise.context.ApplicationScoped;
import io.hitch.backplane.Backplane;
import io.hitch.backplane.ClusterPresence;
import jakarta.inject.Inject;

import java.security.Principal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;

/**
 * Builds the manager's view of this node from the registry, the route statistics and the tails,
 * and of the cluster's nodes and their peers from the backplane's presence.
 */
@ApplicationScoped
public class StateBuilder {

    private static final int MAX_PEERS = 200;
    private static final int MAX_GROUPS = 200;
    private static final int MAX_MEMBERS = 50;
    private static final int HISTORY = 300;
    /** The most peers of another node the peer table draws on: what a console's filter searches. */
    static final int MAX_REMOTE_PER_NODE = 1000;
    // Just under the push period: one read of Redis per tick, shared by every console.
    private static final long PRESENCE_PERIOD_NANOS = 900_000_000L;

    @Inject
    PeerRegistry peers;
    @Inject
    RouteExtension routes;
    @Inject
    RouteStats stats;
    @Inject
    Activity activity;
    @Inject
    Backplane backplane;

    private final long started = System.currentTimeMillis();
    private final ArrayDeque<ManagerState.Sample> history = new ArrayDeque<>();
    private long[] last;
    private final Recent<ClusterPresence> cluster = new Recent<>(PRESENCE_PERIOD_NANOS, System::nanoTime,
            () -> backplane.presence(MAX_REMOTE_PER_NODE));

    /** Records one second of throughput; called by the ticker. */
    synchronized void sample() {
        long[] totals = peers.totals();
        if (last != null) {
            history.addLast(new ManagerState.Sample(System.currentTimeMillis() / 1000, totals[0] - last[0],
                    totals[1] - last[1], peers.sessions().size()));
            while (history.size() > HISTORY) {
                history.removeFirst();
            }
        }
        last = totals;
    }

    ManagerState build(ManagerSession.View view) {
        List<PeerSession> all = List.copyOf(peers.sessions());
        ClusterPresence presence = cluster.get();
        String self = backplane.nodeId();
        List<ManagerState.PeerRow> matching = PeerTable.select(all.stream().map(p -> row(p, self)).toList(),
                presence.peers(), view);
        List<ManagerState.RouteRow> routeRows = routes.table().entries().stream().map(this::route).toList();
        List<ManagerState.GroupRow> groups = peers.groups().stream().sorted().limit(MAX_GROUPS).map(name -> {
            List<String> members = peers.group(name).members().stream().map(p -> p.id()).sorted().toList();
            return new ManagerState.GroupRow(name, members.size(), members.stream().limit(MAX_MEMBERS).toList());
        }).toList();
        long[] totals = peers.totals();
        List<Activity.TrafficEntry> traffic = activity.traffic();
        if (view.hidePayloads()) {
            traffic = traffic.stream().map(t -> new Activity.TrafficEntry(t.at(), t.peer(), t.route(), null)).toList();
        }
        List<ManagerState.Sample> samples;
        synchronized (this) {
            samples = List.copyOf(history);
        }
        return new ManagerState(Instant.now(), new ManagerState.Summary(all.size(), peers.groups().size(),
                routeRows.size(), totals[0], totals[1], System.currentTimeMillis() - started),
                matching.stream().limit(MAX_PEERS).toList(), matching.size(), routeRows, groups, samples,
                activity.errors(), traffic, nodes(presence, self, all.size()));
    }

    // The nodes as announced to the backplane; this node alone when it shares nothing (or Redis is down).
    private static List<ManagerState.NodeRow> nodes(ClusterPresence presence, String self, int localPeers) {
        if (presence.nodes().isEmpty()) {
            return List.of(new ManagerState.NodeRow(self, localPeers, true, false));
        }
        return presence.nodes().entrySet().stream().map(node -> new ManagerState.NodeRow(node.getKey(),
                node.getKey().equals(self) ? localPeers : node.getValue(), node.getKey().equals(self),
                presence.truncated().contains(node.getKey()))).toList();
    }

    /** @return the row of a peer of this node */
    ManagerState.PeerRow row(PeerSession peer) {
        return row(peer, backplane.nodeId());
    }

    // Read now, not from the shared presence: a console asks for one peer, and it may be newer.
    /** @return the row of a peer that presence places on another node */
    Optional<ManagerState.PeerRow> remoteRow(String peerId) {
        return backplane.presenceOf(peerId).map(PeerTable::row);
    }

    private static ManagerState.PeerRow row(PeerSession peer, String node) {
        long[] c = peer.counters();
        return new ManagerState.PeerRow(peer.id(), node, false, peer.principal().map(Principal::getName).orElse(null),
                peer.remoteAddress(), peer.handshake().origin(), peer.handshake().userAgent(),
                peer.connectedAt(), c[0], c[1], c[2], c[3], c[4], peer.groups().stream().sorted().toList());
    }

    private ManagerState.RouteRow route(RouteEntry entry) {
        RouteStats.Figures f = stats.figures(entry.name());
        return new ManagerState.RouteRow(entry.name(), entry.source(), entry.access().describe(false), f.calls(),
                f.errors(), f.inFlight(), f.p50Ms(), f.p99Ms());
    }
}
