package io.hitch.peers;

import io.hitch.api.Peer;
import io.hitch.api.Route;
import io.hitch.api.RouteException;
import io.hitch.api.RouteHandler;
import io.hitch.protocol.ErrorCode;
import io.hitch.dispatch.BuiltIn;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Map;

/**
 * The built-in route {@code hitch.resume}: a client that reconnected (with {@code ?resume}) presents
 * its previous connection's resume token and the last number it received in each stream; it gets
 * the previous connection's groups back and every push it missed, then this reply (PROTOCOL.md §5.5).
 */
@Route("hitch.resume")
@BuiltIn
@ApplicationScoped
public class Resume implements RouteHandler<Resume.Request, Resume.Recovered> {

    /**
     * @param token the resume token of the previous connection's welcome
     * @param seen  stream name to the number of the last push received in it
     */
    public record Request(@NotBlank @Size(max = 512) String token,
                          @Size(max = 10_000) Map<@NotNull @Size(max = 512) String, @NotNull Long> seen) {
    }

    /**
     * The reply: recovery is complete.
     *
     * @param peer     the previous connection's peer id
     * @param groups   the groups this connection is in now
     * @param replayed how many missed pushes were sent before this reply
     */
    public record Recovered(String peer, List<String> groups, int replayed) {
    }

    @Inject
    PeerRegistry registry;

    @Override
    public Recovered handle(Request request, Peer caller) {
        if (!(caller instanceof PeerSession session)) {
            throw new RouteException(ErrorCode.RECOVERY_FAILED, "only a client's own connection can resume");
        }
        Recovery.Recovered done = registry.resume(session, request.token(),
                request.seen() == null ? Map.of() : request.seen());
        return new Recovered(done.peer(), done.groups(), done.replayed());
    }
}
