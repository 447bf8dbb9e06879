package io.hitch.it.guard;

import io.hitch.api.Peer;
import io.hitch.api.Route;
import io.hitch.api.RouteHandler;
import jakarta.annotation.security.DenyAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;

/** {@code guard.denied}: no one may call it; counts the runs that must never happen. */
@Route("guard.denied")
@DenyAll
@ApplicationScoped
public class Denied implements RouteHandler<JsonValue, String> {

    @Inject
    Invocations invocations;

    @Override
    public String handle(JsonValue data, Peer caller) {
        invocations.ran("guard.denied");
        return "ran";
    }
}
