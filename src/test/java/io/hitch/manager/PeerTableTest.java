package io.hitch.manager;

import io.hitch.backplane.PeerPresence;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The manager's peer table over this node's peers and those presence places on other nodes. */
class PeerTableTest {

    private static final Instant T = Instant.parse("2026-11-22T03:00:00Z");

    private static ManagerState.PeerRow local(String id, long framesIn, Instant since) {
        return new ManagerState.PeerRow(id, "node-a", false, null, "127.0.0.1", null, "agent", since, framesIn, 0L,
                0L, 0L, 0L, List.of("lobby"));
    }

    private static PeerPresence remote(String id, String node, String user, Instant since) {
        return new PeerPresence(id, node, user, "10.0.0.7", "https://app.example", since);
    }

    private static ManagerSession.View view(String query, String sort, String node) {
        return new ManagerSession.View(query, sort, node, false);
    }

    private static List<String> ids(List<ManagerState.PeerRow> rows) {
        return rows.stream().map(ManagerState.PeerRow::id).toList();
    }

    @Test
    void peersOfOtherNodesAreListedWithTheirNodeAndWhatPresenceHoldsAndNoCounters() {
        List<ManagerState.PeerRow> rows = PeerTable.select(List.of(local("here", 3, T)),
                List.of(remote("there", "node-b", "ada", T.plusSeconds(1))), view("", "since", ""));

        assertEquals(List.of("there", "here"), ids(rows));
        ManagerState.PeerRow there = rows.get(0);
        assertTrue(there.remote());
        assertEquals("node-b", there.node());
        assertEquals("ada", there.user());
        assertEquals("10.0.0.7", there.address());
        assertEquals("https://app.example", there.origin());
        assertEquals(T.plusSeconds(1), there.since());
        assertNull(there.framesIn());
        assertNull(there.groups());
    }

    @Test
    void aPeerOfThisNodeThatPresenceAlsoListsIsShownOnceWithItsDetail() {
        List<ManagerState.PeerRow> rows = PeerTable.select(List.of(local("moving", 3, T)),
                List.of(remote("moving", "node-b", null, T)), view("", "since", ""));

        assertEquals(1, rows.size());
        assertEquals("node-a", rows.get(0).node());
        assertEquals(3L, rows.get(0).framesIn());
    }

    @Test
    void theNodeFilterKeepsOnlyThatNodesPeers() {
        List<ManagerState.PeerRow> rows = PeerTable.select(List.of(local("here", 0, T)),
                List.of(remote("b1", "node-b", null, T), remote("c1", "node-c", null, T)), view("", "id", "node-b"));

        assertEquals(List.of("b1"), ids(rows));
    }

    @Test
    void theSearchMatchesWhatPresenceHoldsOfARemotePeer() {
        List<ManagerState.PeerRow> rows = PeerTable.select(List.of(local("here", 0, T)),
                List.of(remote("b1", "node-b", "ada", T), remote("b2", "node-b", "bob", T)), view("ADA", "id", ""));

        assertEquals(List.of("b1"), ids(rows));
    }

    @Test
    void sortingByTrafficPutsRemotePeersWhoseCountersAreUnknownLast() {
        List<ManagerState.PeerRow> rows = PeerTable.select(List.of(local("quiet", 1, T), local("busy", 9, T)),
                List.of(remote("aaa", "node-b", null, T)), view("", "in", ""));

        assertEquals(List.of("busy", "quiet", "aaa"), ids(rows));
    }

    @Test
    void aRemotePeerWithoutAKnownConnectionTimeSortsLastByDefault() {
        List<ManagerState.PeerRow> rows = PeerTable.select(List.of(local("here", 0, T)),
                List.of(remote("old-card", "node-b", null, null)), view("", "since", ""));

        assertEquals(List.of("here", "old-card"), ids(rows));
    }
}
