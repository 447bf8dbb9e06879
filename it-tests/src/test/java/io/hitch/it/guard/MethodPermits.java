package io.hitch.it.guard;

import io.hitch.api.Peer;
import io.hitch.api.Route;
import io.hitch.api.RouteHandler;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonValue;

/** {@code guard.method-permits}: {@code @DenyAll} on the class, {@code @PermitAll} on {@code handle}. */
@Route("guard.method-permits")
@DenyAll
@ApplicationScoped
public class MethodPermits implements RouteHandler<JsonValue, String> {

    @Override
    @PermitAll
    public String handle(JsonValue data, Peer caller) {
        return "ran";
    }
}
