package io.hitch.it.load;

import io.hitch.api.Peer;
import io.hitch.api.Peers;
import io.hitch.api.Route;
import io.hitch.api.RouteHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code load.join} "group": the caller joins the group; answers the group's size. */
@Route("load.join")
@ApplicationScoped
public class Join implements RouteHandler<String, Integer> {

    @Inject
    Peers peers;

    @Override
    public Integer handle(String group, Peer caller) {
        peers.group(group).join(caller);
        return peers.group(group).size();
    }
}
