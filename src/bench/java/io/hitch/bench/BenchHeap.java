package io.hitch.bench;

import io.hitch.api.Peer;
import io.hitch.api.Peers;
import io.hitch.api.Route;
import io.hitch.api.RouteHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

/**
 * Collects garbage, then answers the heap in use and the connections open: the benchmark divides
 * the difference by the connections it opened. It blocks its connection's thread for the GCs,
 * which only the benchmark may do.
 */
@Route("bench.heap")
@ApplicationScoped
public class BenchHeap implements RouteHandler<Void, BenchHeap.Heap> {

    /**
     * @param used      heap bytes in use after a full GC
     * @param committed heap bytes committed
     * @param peers     Hitch connections open
     * @param raw       connections open on /raw
     */
    public record Heap(long used, long committed, int peers, int raw) {
    }

    @Inject
    Peers peers;

    @Override
    public Heap handle(Void none, Peer caller) {
        long used = Long.MAX_VALUE;
        MemoryUsage heap = null;
        // Several rounds: finalizers, soft references and G1's humongous regions settle after the first.
        for (int i = 0; i < 3; i++) {
            System.gc();
            heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            used = Math.min(used, heap.getUsed());
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new Heap(used, heap.getCommitted(), peers.all().size(), RawEchoEndpoint.open());
    }
}
