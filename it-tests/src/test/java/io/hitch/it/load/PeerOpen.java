package io.hitch.it.load;

import io.hitch.api.Peer;
import io.hitch.api.Peers;
import io.hitch.api.Route;
import io.hitch.api.RouteHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code load.peer-open} "peer id": answers whether the server still has that peer. */
@Route("load.peer-open")
@ApplicationScoped
public class PeerOpen implements RouteHandler<String, Boolean> {

    @Inject
    Peers peers;

    @Override
    public Boolean handle(String peerId, Peer caller) {
        return peers.find(peerId).isPresent();
    }
}
