package io.hitch.it.push;

import io.hitch.api.Peer;
import io.hitch.api.Peers;
import io.hitch.api.Route;
import io.hitch.api.RouteHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** {@code test.groups}: the names of the groups that have members ({@link Peers#groups()}), sorted. */
@Route("test.groups")
@ApplicationScoped
public class GroupNames implements RouteHandler<Void, List<String>> {

    @Inject
    Peers peers;

    @Override
    public List<String> handle(Void none, Peer caller) {
        return peers.groups().stream().sorted().toList();
    }
}
