package io.hitch.it.load;

import io.hitch.api.Peer;
import io.hitch.api.Route;
import io.hitch.api.RouteHandler;
import jakarta.enterprise.context.ApplicationScoped;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** {@code load.heap}: collects garbage, then answers the bytes of heap in use. */
@Route("load.heap")
@ApplicationScoped
public class Heap implements RouteHandler<Void, Long> {

    @Override
    public Long handle(Void none, Peer caller) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            memory.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
