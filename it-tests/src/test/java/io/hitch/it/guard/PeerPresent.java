package io.hitch.it.guard;

import io.hitch.api.Peer;
import io.hitch.api.Peers;
import io.hitch.api.Route;
import io.hitch.api.RouteHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code guard.peer} "peerId": whether the server still has a connection with that peer id. */
@Route("guard.peer")
@ApplicationScoped
public class PeerPresent implements RouteHandler<String, Boolean> {

    @Inject
    Peers peers;

    @Override
    public Boolean handle(String peerId, Peer caller) {
        return peers.find(peerId).isPresent();
    }
}
