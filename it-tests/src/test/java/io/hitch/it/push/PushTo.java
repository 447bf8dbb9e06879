package io.hitch.it.push;

import io.hitch.api.Peer;
import io.hitch.api.Peers;
import io.hitch.api.Route;
import io.hitch.api.RouteHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;

/** {@code test.push.to} {peer, text}: pushes {@code test.pushed} {from, text} to one peer by id; answers {@link Peers#push}'s result. */
@Route("test.push.to")
@ApplicationScoped
public class PushTo implements RouteHandler<PushTo.Target, Boolean> {

    /** The request. */
    public record Target(@NotNull String peer, String text) {
    }

    /** The push. */
    public record Pushed(String from, String text) {
    }

    @Inject
    Peers peers;

    @Override
    public Boolean handle(Target target, Peer caller) {
        return peers.push(target.peer(), "test.pushed", new Pushed(caller.id(), target.text()));
    }
}
