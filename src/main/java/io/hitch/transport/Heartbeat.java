package io.hitch.transport;

import io.hitch.config.FlowConfig;
import io.hitch.peers.PeerRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Pings every connection on an interval and closes those that stopped answering (4408): dead
 * peers behind proxies and sleeping laptops do not linger.
 */
@ApplicationScoped
public class Heartbeat {

    private static final Logger LOG = Logger.getLogger("io.hitch");
    /** How long a connection opened with ?resume waits for its hitch.resume (PROTOCOL.md §5.5). */
    static final long RESUME_HOLD_NANOS = TimeUnit.SECONDS.toNanos(10);

    @Resource
    ManagedScheduledExecutorService scheduler;
    @Inject
    FlowConfig flow;
    @Inject
    PeerRegistry peers;

    private ScheduledFuture<?> task;
    private ScheduledFuture<?> upkeep;

    void start(@Observes Startup startup) {
        // Recovery's upkeep: peers that connected to resume but did not, and what the window no longer covers.
        upkeep = scheduler.scheduleWithFixedDelay(() -> {
            try {
                peers.upkeep(RESUME_HOLD_NANOS);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "The recovery upkeep failed", e);
            }
        }, 1, 1, TimeUnit.SECONDS);
        long interval = flow.pingIntervalMs();
        if (interval <= 0) {
            return;
        }
        long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(interval + flow.pingTimeoutMs());
        task = scheduler.scheduleAtFixedRate(() -> {
            try {
                int dead = peers.sweep(timeoutNanos);
                if (dead > 0) {
                    LOG.info(() -> "Closed " + dead + " peer(s) that stopped answering pings");
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "The ping sweep failed", e);
            }
        }, interval, interval, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (upkeep != null) {
            upkeep.cancel(false);
        }
        if (task != null) {
            task.cancel(false);
        }
    }
}
