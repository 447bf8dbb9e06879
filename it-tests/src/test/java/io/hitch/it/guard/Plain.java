package io.hitch.it.guard;

import io.hitch.api.Peer;
import io.hitch.api.Route;
import io.hitch.api.RouteHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;

import java.security.Principal;

/** {@code guard.plain}: no security annotation at all; answers who called and counts its runs. */
@Route("guard.plain")
@ApplicationScoped
public class Plain implements RouteHandler<JsonValue, String> {

    @Inject
    Invocations invocations;

    @Override
    public String handle(JsonValue data, Peer caller) {
        invocations.ran("guard.plain");
        return caller.principal().map(Principal::getName).orElse("anonymous");
    }
}
