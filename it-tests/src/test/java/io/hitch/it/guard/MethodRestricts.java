package io.hitch.it.guard;

import io.hitch.api.Peer;
import io.hitch.api.Route;
import io.hitch.api.RouteHandler;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;

import java.security.Principal;

/**
 * {@code guard.method-restricts}: {@code @PermitAll} on the class, {@code @RolesAllowed("admin")} on
 * {@code handle}; answers who called and counts its runs.
 */
@Route("guard.method-restricts")
@PermitAll
@ApplicationScoped
public class MethodRestricts implements RouteHandler<JsonValue, String> {

    @Inject
    Invocations invocations;

    @Override
    @RolesAllowed("admin")
    public String handle(JsonValue data, Peer caller) {
        invocations.ran("guard.method-restricts");
        return caller.principal().map(Principal::getName).orElse("anonymous");
    }
}
