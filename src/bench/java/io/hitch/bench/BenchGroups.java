package io.hitch.bench;

import io.hitch.api.Peer;
import io.hitch.api.Peers;
import io.hitch.api.Route;
import io.hitch.api.RouteHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;

/** Fan-out routes of the benchmark: {@code bench.join} a group, {@code bench.blast} one push to it. */
public final class BenchGroups {

    private BenchGroups() {
    }

    /** A group of the benchmark; the server group is {@code bench.<group>}. */
    public record GroupRef(@NotBlank String group) {
    }

    /** The members after a join, or the recipients of a blast. */
    public record Size(int members) {
    }

    /** One push to send: {@code t} is the sender's clock, carried to every recipient. */
    public record Blast(@NotBlank String group, long seq, long t, String text) {
    }

    /** The push every member gets. */
    public record Tick(long seq, long t, String text) {
    }

    /** Joins the caller to a group. */
    @Route("bench.join")
    @ApplicationScoped
    public static class Join implements RouteHandler<GroupRef, Size> {

        @Inject
        Peers peers;

        @Override
        public Size handle(GroupRef ref, Peer caller) {
            var group = peers.group("bench." + ref.group());
            group.join(caller);
            return new Size(group.size());
        }
    }

    /** Pushes {@code bench.tick} to every member of the group (serialized once by Hitch). */
    @Route("bench.blast")
    @ApplicationScoped
    public static class Broadcast implements RouteHandler<Blast, Size> {

        @Inject
        Peers peers;

        @Override
        public Size handle(Blast blast, Peer caller) {
            var group = peers.group("bench." + blast.group());
            group.broadcast("bench.tick", new Tick(blast.seq(), blast.t(), blast.text()));
            return new Size(group.size());
        }
    }
}
