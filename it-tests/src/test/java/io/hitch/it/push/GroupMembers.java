package io.hitch.it.push;

import io.hitch.api.Peer;
import io.hitch.api.Peers;
import io.hitch.api.Route;
import io.hitch.api.RouteHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** {@code test.group.members} {group}: the members' peer ids, sorted. */
@Route("test.group.members")
@ApplicationScoped
public class GroupMembers implements RouteHandler<GroupJoin.Named, List<String>> {

    @Inject
    Peers peers;

    @Override
    public List<String> handle(GroupJoin.Named request, Peer caller) {
        return peers.group(request.group()).members().stream().map(Peer::id).sorted().toList();
    }
}
