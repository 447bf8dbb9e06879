package io.hitch.manager;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The cluster's presence is read at most once a period, however many consoles ask. */
class RecentTest {

    private final AtomicLong now = new AtomicLong(5_000);
    private final AtomicInteger loads = new AtomicInteger();
    private final Recent<Integer> recent = new Recent<>(1_000, now::get, loads::incrementAndGet);

    @Test
    void askingManyTimesWithinThePeriodLoadsOnce() {
        for (int i = 0; i < 10; i++) {
            now.addAndGet(99);
            assertEquals(1, recent.get());
        }
        assertEquals(1, loads.get());
    }

    @Test
    void askingAfterThePeriodLoadsAgain() {
        recent.get();
        now.addAndGet(1_000);

        assertEquals(2, recent.get());
    }
}
