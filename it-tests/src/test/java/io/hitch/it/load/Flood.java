package io.hitch.it.load;

import io.hitch.api.Group;
import io.hitch.api.Peer;
import io.hitch.api.Peers;
import io.hitch.api.Route;
import io.hitch.api.RouteHandler;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code load.flood} {group, count, bytes, perMillisecond}: pushes {@code count} frames
 * {@code load.chunk} {seq, fill} of about {@code bytes} bytes to every member of a group, on a thread
 * of its own, at a steady rate, and answers when done. Each member gets its own frame (as per-user
 * pushes do), so a server that queued without bound would hold members × count × bytes.
 */
@Route("load.flood")
@ApplicationScoped
public class Flood implements RouteHandler<Flood.Order, CompletionStage<Flood.Done>> {

    /**
     * @param group          the group whose members get the frames
     * @param count          frames per member
     * @param bytes          characters of filler per frame
     * @param perMillisecond frames per member per millisecond; 0 for as fast as possible
     */
    public record Order(@NotBlank String group, @Positive int count, @Positive int bytes, @PositiveOrZero int perMillisecond) {
    }

    /** One pushed frame's data. */
    public record Chunk(int seq, String fill) {
    }

    /**
     * @param pushes push calls made, to open and closed members alike
     * @param millis how long the flood took
     */
    public record Done(long pushes, long millis) {
    }

    @Inject
    Peers peers;
    @Resource
    ManagedExecutorService executor;

    @Override
    public CompletionStage<Done> handle(Order order, Peer caller) {
        return executor.supplyAsync(() -> flood(order));
    }

    private Done flood(Order order) {
        String fill = "x".repeat(order.bytes());
        Group group = peers.group(order.group());
        long start = System.nanoTime();
        long due = start;
        long pushes = 0;
        for (int seq = 0; seq < order.count(); seq++) {
            Chunk chunk = new Chunk(seq, fill);
            for (Peer member : group.members()) {
                member.push("load.chunk", chunk);
                pushes++;
            }
            if (order.perMillisecond() > 0 && (seq + 1) % order.perMillisecond() == 0) {
                // A steady rate: time lost in a push is not made up with a burst afterwards.
                due = Math.max(due + TimeUnit.MILLISECONDS.toNanos(1), System.nanoTime());
                LockSupport.parkNanos(due - System.nanoTime());
            }
        }
        return new Done(pushes, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }
}
