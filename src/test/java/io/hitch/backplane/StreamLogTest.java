package io.hitch.backplane;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamLogTest {

    private static final long NOW = 1_700_000_000_000L;

    private static List<Long> numbers(List<StreamLog.Entry> entries) {
        return entries.stream().map(StreamLog.Entry::seq).toList();
    }

    @Test
    void aNewLogNumbersFromTheCurrentTimeInMicrosecondsSoARecreatedLogNeverReusesNumbers() {
        StreamLog log = new StreamLog(10, 60_000, NOW);

        assertEquals(NOW * 1000 + 1, Long.parseLong(log.append(Long::toString, null, NOW)));
        assertTrue(new StreamLog(10, 60_000, NOW + 1).last() > log.last());
    }

    @Test
    void theReaderGetsThePushesAfterItsPositionOldestFirst() {
        StreamLog log = new StreamLog(10, 60_000, NOW);
        long start = log.last();
        for (int i = 0; i < 3; i++) {
            log.append(Long::toString, null, NOW);
        }

        assertEquals(List.of(start + 2, start + 3), numbers(log.after(start + 1, NOW, true)));
        assertEquals(List.of(), log.after(start + 3, NOW, true));
    }

    @Test
    void aPositionBeforeAPushDroppedForCountIsAGap() {
        StreamLog log = new StreamLog(2, 60_000, NOW);
        long start = log.last();
        for (int i = 0; i < 3; i++) {
            log.append(Long::toString, null, NOW);
        }

        assertNull(log.after(start, NOW, true));
        assertEquals(List.of(start + 2, start + 3), numbers(log.after(start + 1, NOW, true)));
        assertEquals(List.of(start + 2, start + 3), numbers(log.after(start, NOW, false)));
    }

    @Test
    void pushesOlderThanTheWindowAreDroppedAndMissingThemIsAGap() {
        StreamLog log = new StreamLog(10, 1_000, NOW);
        long start = log.last();
        log.append(Long::toString, null, NOW);
        log.append(Long::toString, null, NOW + 900);

        assertNull(log.after(start, NOW + 1_500, true));
        assertEquals(List.of(start + 2), numbers(log.after(start + 1, NOW + 1_500, true)));
    }

    @Test
    void aLogIsIdleOnceEmptyAndUntouchedForTheWindow() {
        StreamLog log = new StreamLog(10, 1_000, NOW);
        log.append(Long::toString, null, NOW);

        log.expire(NOW + 1_001);
        assertEquals(0, log.size());
        assertTrue(log.idle(NOW + 1_001));
    }
}
