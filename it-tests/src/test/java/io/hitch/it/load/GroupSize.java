package io.hitch.it.load;

import io.hitch.api.Peer;
import io.hitch.api.Peers;
import io.hitch.api.Route;
import io.hitch.api.RouteHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code load.group-size} "group": answers how many peers are in the group. */
@Route("load.group-size")
@ApplicationScoped
public class GroupSize implements RouteHandler<String, Integer> {

    @Inject
    Peers peers;

    @Override
    public Integer handle(String group, Peer caller) {
        return peers.group(group).size();
    }
}
