package io.hitch.it.guard;

import io.hitch.api.Peer;
import io.hitch.api.Route;
import io.hitch.api.RouteHandler;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonValue;

import java.security.Principal;

/** {@code guard.open}: anyone may call it, even when authentication is required; answers who called. */
@Route("guard.open")
@PermitAll
@ApplicationScoped
public class Open implements RouteHandler<JsonValue, String> {

    @Override
    public String handle(JsonValue data, Peer caller) {
        return caller.principal().map(Principal::getName).orElse("anonymous");
    }
}
