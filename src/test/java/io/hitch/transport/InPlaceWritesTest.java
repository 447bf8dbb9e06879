package io.hitch.transport;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InPlaceWritesTest {

    @Test
    void noMoreThanTheBoundMayWriteInPlaceAtOnce() {
        InPlaceWrites writes = new InPlaceWrites(2);

        assertTrue(writes.tryStart());
        assertTrue(writes.tryStart());
        assertFalse(writes.tryStart(), "a third write at once");
    }

    @Test
    void aFinishedWriteMakesRoomForAnother() {
        InPlaceWrites writes = new InPlaceWrites(1);
        assertTrue(writes.tryStart());
        assertFalse(writes.tryStart());

        writes.end();

        assertTrue(writes.tryStart());
    }

    @Test
    void aRefusedWriteTakesNoRoom() {
        InPlaceWrites writes = new InPlaceWrites(1);
        writes.tryStart();
        writes.tryStart();
        writes.tryStart();

        writes.end();

        assertTrue(writes.tryStart(), "refusals must not leave the count too high");
    }
}
