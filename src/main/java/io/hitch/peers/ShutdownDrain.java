package io.hitch.peers;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Closes every peer when the application stops: requests still running are answered
 * {@code unavailable} and each connection gets 1001, with a bounded wait for what is queued to be
 * written and for closes already under way to finish telling their observers.
 */
final class ShutdownDrain {

    private static final long DRAIN_NANOS = 2_000_000_000L;

    private ShutdownDrain() {
    }

    /**
     * @param open   the peers open now
     * @param record records one peer's close (leaves its groups, tells observers)
     */
    static void closeAll(List<PeerSession> open, Consumer<PeerSession> record) {
        open.forEach(peer -> peer.shutDown(PeerRegistry.GOING_AWAY, "server shutting down"));
        long deadline = System.nanoTime() + DRAIN_NANOS;
        awaitUntil(deadline, () -> open.stream().allMatch(PeerSession::drained));
        open.forEach(record);
        // A close the container reported meanwhile may still be telling observers on its own
        // thread; the application's beans must outlive that.
        awaitUntil(deadline + DRAIN_NANOS, () -> open.stream().allMatch(PeerSession::isRecorded));
    }

    private static void awaitUntil(long deadline, BooleanSupplier done) {
        while (System.nanoTime() < deadline && !done.getAsBoolean()) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
