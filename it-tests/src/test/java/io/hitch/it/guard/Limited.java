package io.hitch.it.guard;

import io.hitch.api.Peer;
import io.hitch.api.RateLimit;
import io.hitch.api.Route;
import io.hitch.api.RouteHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;

/** {@code guard.limited}: its own rate limit of 1 call per second with a burst of 2; counts its runs. */
@Route("guard.limited")
@RateLimit(perSecond = 1, burst = 2)
@ApplicationScoped
public class Limited implements RouteHandler<JsonValue, String> {

    @Inject
    Invocations invocations;

    @Override
    public String handle(JsonValue data, Peer caller) {
        invocations.ran("guard.limited");
        return "ok";
    }
}
