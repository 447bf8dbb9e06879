package io.hitch.manager;

import io.hitch.dispatch.RouteExtension;
import io.hitch.dispatch.RouteEntry;
import io.hitch.peers.PeerRegistry;
import io.hitch.peers.PeerSession;
import jakarta.enterprise.context.ApplicationScoped;
import io.hitch.backplane.Backplane;
import jakarta.inject.Inject;

import java.security.Principal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/** Builds the manager's view of this node from the registry, the route statistics and the tails. */
@ApplicationScoped
public class StateBuilder {

    private static final int MAX_PEERS = 200;
    private static final int MAX_GROUPS = 200;
    private static final int MAX_MEMBERS = 50;
    private static final int HISTORY = 300;

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
        List<ManagerState.PeerRow> matching = all.stream().map(StateBuilder::row)
                .filter(row -> matches(row, view.query())).sorted(order(view.sort())).toList();
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
                activity.errors(), traffic, nodes(all.size()));
    }

    // The nodes as announced to the backplane; this node alone when it shares nothing (or Redis is down).
    private List<ManagerState.NodeRow> nodes(int localPeers) {
        Map<String, Long> announced = backplane.nodes();
        if (announced.isEmpty()) {
            return List.of(new ManagerState.NodeRow(backplane.nodeId(), localPeers, true));
        }
        return announced.entrySet().stream().map(node -> new ManagerState.NodeRow(node.getKey(),
                node.getKey().equals(backplane.nodeId()) ? localPeers : node.getValue(),
                node.getKey().equals(backplane.nodeId()))).toList();
    }

    static ManagerState.PeerRow row(PeerSession peer) {
        long[] c = peer.counters();
        return new ManagerState.PeerRow(peer.id(), peer.principal().map(Principal::getName).orElse(null),
                peer.remoteAddress(), peer.handshake().origin(), peer.handshake().userAgent(),
                peer.connectedAt(), c[0], c[1], c[2], c[3], c[4], peer.groups().stream().sorted().toList());
    }

    private ManagerState.RouteRow route(RouteEntry entry) {
        RouteStats.Figures f = stats.figures(entry.name());
        return new ManagerState.RouteRow(entry.name(), entry.source(), entry.access().describe(false), f.calls(),
                f.errors(), f.inFlight(), f.p50Ms(), f.p99Ms());
    }

    private static boolean matches(ManagerState.PeerRow row, String query) {
        if (query == null || query.isBlank()) {
            return true;
        }
        String q = query.toLowerCase(Locale.ROOT);
        return contains(row.id(), q) || contains(row.user(), q) || contains(row.address(), q)
                || contains(row.origin(), q) || contains(row.userAgent(), q)
                || row.groups().stream().anyMatch(g -> contains(g, q));
    }

    private static boolean contains(String text, String q) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(q);
    }

    private static Comparator<ManagerState.PeerRow> order(String sort) {
        Comparator<ManagerState.PeerRow> byId = Comparator.comparing(ManagerState.PeerRow::id);
        return switch (sort == null ? "" : sort) {
            case "id" -> byId;
            case "user" -> Comparator.comparing((ManagerState.PeerRow r) -> String.valueOf(r.user())).thenComparing(byId);
            case "address" -> Comparator.comparing(ManagerState.PeerRow::address).thenComparing(byId);
            case "in" -> Comparator.comparingLong(ManagerState.PeerRow::framesIn).reversed().thenComparing(byId);
            case "out" -> Comparator.comparingLong(ManagerState.PeerRow::framesOut).reversed().thenComparing(byId);
            case "pending" -> Comparator.comparingLong(ManagerState.PeerRow::pending).reversed().thenComparing(byId);
            default -> Comparator.comparing(ManagerState.PeerRow::since).reversed().thenComparing(byId);
        };
    }
}
