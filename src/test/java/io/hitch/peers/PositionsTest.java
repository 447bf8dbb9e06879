package io.hitch.peers;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PositionsTest {

    private final Positions positions = new Positions();

    @Test
    void aMarkIsBeforeOnlyTheNumbersAfterThePosition() {
        Positions.Mark mark = positions.mark("group:room");
        assertFalse(mark.before(Long.MAX_VALUE - 1), "not positioned: entitled to nothing");

        positions.set("group:room", 41);

        assertFalse(mark.before(41));
        assertTrue(mark.before(42));
    }

    @Test
    void theStreamOfEveryoneHasItsOwnMark() {
        assertSame(positions.all(), positions.mark("all"));
        positions.set("all", 7);

        assertTrue(positions.all().before(8));
        assertEquals(Map.of("all", 7L), positions.snapshot());
    }

    @Test
    void aSnapshotHoldsOnlyTheStreamsThePeerIsPositionedIn() {
        positions.mark("group:joining");
        positions.set("group:room", 3);
        positions.set("peer:x", Long.MIN_VALUE);

        assertEquals(Map.of("group:room", 3L, "peer:x", Long.MIN_VALUE), positions.snapshot());
        Set<String> streams = new HashSet<>();
        positions.addStreamsTo(streams);
        assertEquals(Set.of("group:room", "peer:x"), streams);
    }

    @Test
    void aRemovedPositionStopsTheMarkAMemberTableStillHoldsAndANewJoinGetsAFreshMark() {
        Positions.Mark old = positions.mark("group:room");
        positions.set("group:room", 3);

        positions.remove("group:room");

        assertFalse(old.before(Long.MAX_VALUE - 1));
        assertEquals(Map.of(), positions.snapshot());
        Positions.Mark fresh = positions.mark("group:room");
        assertNotSame(old, fresh);
    }
}
