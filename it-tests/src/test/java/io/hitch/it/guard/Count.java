package io.hitch.it.guard;

import io.hitch.api.Peer;
import io.hitch.api.Route;
import io.hitch.api.RouteHandler;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code guard.count} "route": how often that guarded handler ran. */
@Route("guard.count")
@PermitAll
@ApplicationScoped
public class Count implements RouteHandler<String, Integer> {

    @Inject
    Invocations invocations;

    @Override
    public Integer handle(String route, Peer caller) {
        return invocations.count(route);
    }
}
