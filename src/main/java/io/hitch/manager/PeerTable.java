package io.hitch.manager;

import io.hitch.backplane.PeerPresence;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The manager's peer table: this node's rows and the rows of peers that presence places on other
 * nodes, filtered by a console's view and in its order.
 */
final class PeerTable {

    private PeerTable() {
    }

    /** @return every row of {@code local} and {@code elsewhere} that matches the view, in its order */
    static List<ManagerState.PeerRow> select(List<ManagerState.PeerRow> local, List<PeerPresence> elsewhere,
                                             ManagerSession.View view) {
        // A peer seen here and in presence (a moment of a takeover) is shown once, with its detail.
        Set<String> here = local.stream().map(ManagerState.PeerRow::id).collect(Collectors.toSet());
        Stream<ManagerState.PeerRow> remote = elsewhere.stream().filter(p -> !here.contains(p.id())).map(PeerTable::row);
        return Stream.concat(local.stream(), remote)
                .filter(row -> view.node() == null || view.node().isEmpty() || view.node().equals(row.node()))
                .filter(row -> matches(row, view.query())).sorted(order(view.sort())).toList();
    }

    static ManagerState.PeerRow row(PeerPresence peer) {
        return new ManagerState.PeerRow(peer.id(), peer.node(), true, peer.user(), peer.address(), peer.origin(),
                null, peer.since(), null, null, null, null, null, null);
    }

    private static boolean matches(ManagerState.PeerRow row, String query) {
        if (query == null || query.isBlank()) {
            return true;
        }
        String q = query.toLowerCase(Locale.ROOT);
        return contains(row.id(), q) || contains(row.user(), q) || contains(row.address(), q)
                || contains(row.origin(), q) || contains(row.userAgent(), q)
                || (row.groups() != null && row.groups().stream().anyMatch(g -> contains(g, q)));
    }

    private static boolean contains(String text, String q) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(q);
    }

    // What a remote row does not know (its counters) sorts last, as does an unknown time.
    private static Comparator<ManagerState.PeerRow> order(String sort) {
        Comparator<ManagerState.PeerRow> byId = Comparator.comparing(ManagerState.PeerRow::id);
        return switch (sort == null ? "" : sort) {
            case "id" -> byId;
            case "user" -> Comparator.comparing((ManagerState.PeerRow r) -> String.valueOf(r.user())).thenComparing(byId);
            case "address" -> Comparator.comparing((ManagerState.PeerRow r) -> String.valueOf(r.address())).thenComparing(byId);
            case "in" -> largestFirst(ManagerState.PeerRow::framesIn).thenComparing(byId);
            case "out" -> largestFirst(ManagerState.PeerRow::framesOut).thenComparing(byId);
            case "pending" -> largestFirst(ManagerState.PeerRow::pending).thenComparing(byId);
            default -> Comparator.comparing(ManagerState.PeerRow::since,
                    Comparator.nullsLast(Comparator.<java.time.Instant>reverseOrder())).thenComparing(byId);
        };
    }

    private static Comparator<ManagerState.PeerRow> largestFirst(Function<ManagerState.PeerRow, Long> figure) {
        return Comparator.comparing(figure, Comparator.nullsLast(Comparator.<Long>reverseOrder()));
    }
}
