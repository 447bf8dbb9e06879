package io.hitch.it.push;

import io.hitch.api.Peer;
import io.hitch.api.Peers;
import io.hitch.api.Route;
import io.hitch.api.RouteHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code test.group.leave} {group}: the caller leaves the group; answers whether it was a member. */
@Route("test.group.leave")
@ApplicationScoped
public class GroupLeave implements RouteHandler<GroupJoin.Named, Boolean> {

    @Inject
    Peers peers;

    @Override
    public Boolean handle(GroupJoin.Named request, Peer caller) {
        return peers.group(request.group()).leave(caller);
    }
}
