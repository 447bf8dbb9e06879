package io.hitch.manager;

import io.hitch.api.Peer;
import io.hitch.api.Route;
import io.hitch.api.RouteException;
import io.hitch.api.RouteHandler;
import io.hitch.dispatch.BuiltIn;
import io.hitch.peers.PeerRegistry;
import io.hitch.peers.PeerSession;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.TreeMap;

/** {@code manager.peer}: the detail of one peer, of this node or another. */
@Route("manager.peer")
@BuiltIn(table = "manager")
@RolesAllowed({Console.MONITOR, Console.OPERATOR})
@ApplicationScoped
public class PeerRoute implements RouteHandler<Console.PeerRef, Console.PeerDetail> {

    @Inject
    PeerRegistry peers;
    @Inject
    StateBuilder state;

    // A peer of another node: what presence holds, no attributes (they stay on its node).
    @Override
    public Console.PeerDetail handle(Console.PeerRef ref, Peer caller) {
        PeerSession peer = peers.session(ref.peer());
        if (peer == null) {
            return new Console.PeerDetail(state.remoteRow(ref.peer()).orElseThrow(
                    () -> new RouteException("unavailable", "no peer " + ref.peer() + " is connected")), Map.of());
        }
        Map<String, String> attributes = new TreeMap<>();
        peer.attributes().entrySet().stream().limit(50).forEach(e -> {
            String value = String.valueOf(e.getValue());
            attributes.put(e.getKey(), value.length() > 200 ? value.substring(0, 200) + "..." : value);
        });
        return new Console.PeerDetail(state.row(peer), attributes);
    }
}
