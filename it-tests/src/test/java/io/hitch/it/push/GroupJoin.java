package io.hitch.it.push;

import io.hitch.api.Peer;
import io.hitch.api.Peers;
import io.hitch.api.Route;
import io.hitch.api.RouteHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;

/** {@code test.group.join} {group}: the caller joins the group; answers whether it was not a member yet. */
@Route("test.group.join")
@ApplicationScoped
public class GroupJoin implements RouteHandler<GroupJoin.Named, Boolean> {

    /** @param group a group name */
    public record Named(@NotBlank String group) {
    }

    @Inject
    Peers peers;

    @Override
    public Boolean handle(Named request, Peer caller) {
        return peers.group(request.group()).join(caller);
    }
}
