package io.hitch.manager;

import io.hitch.api.Peer;
import io.hitch.api.Route;
import io.hitch.api.RouteHandler;
import io.hitch.dispatch.BuiltIn;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code manager.watch}: sets the console's peer filter, sort, node and payload switch. */
@Route("manager.watch")
@BuiltIn(table = "manager")
@RolesAllowed({Console.MONITOR, Console.OPERATOR})
@ApplicationScoped
public class WatchRoute implements RouteHandler<Console.Watch, Console.Done> {

    @Inject
    ManagerHub hub;

    @Override
    public Console.Done handle(Console.Watch watch, Peer caller) {
        ManagerSession session = (ManagerSession) caller;
        session.view(new ManagerSession.View(watch.query() == null ? "" : watch.query(),
                watch.sort() == null ? "since" : watch.sort(), watch.node() == null ? "" : watch.node(),
                Boolean.TRUE.equals(watch.hidePayloads())));
        hub.refresh(session);
        return new Console.Done(true, "watching");
    }
}
