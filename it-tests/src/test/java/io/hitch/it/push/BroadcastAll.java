package io.hitch.it.push;

import io.hitch.api.Peer;
import io.hitch.api.Peers;
import io.hitch.api.Route;
import io.hitch.api.RouteHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code test.broadcast} {text, excludeSelf}: pushes {@code test.broadcasted} {from, text} to every connected peer. */
@Route("test.broadcast")
@ApplicationScoped
public class BroadcastAll implements RouteHandler<BroadcastAll.Broadcast, Void> {

    /** The request. */
    public record Broadcast(String text, Boolean excludeSelf) {
    }

    @Inject
    Peers peers;

    @Override
    public Void handle(Broadcast broadcast, Peer caller) {
        PushTo.Pushed data = new PushTo.Pushed(caller.id(), broadcast.text());
        if (Boolean.TRUE.equals(broadcast.excludeSelf())) {
            peers.broadcast("test.broadcasted", data, caller);
        } else {
            peers.broadcast("test.broadcasted", data);
        }
        return null;
    }
}
