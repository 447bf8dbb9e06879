package io.hitch.it.security;

import io.hitch.api.Peer;
import io.hitch.api.Route;
import io.hitch.api.RouteHandler;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonValue;

/** Only members of the role {@code chatter} may call it; answers who called. */
@Route("test.members")
@RolesAllowed("chatter")
@ApplicationScoped
public class MemberArea implements RouteHandler<JsonValue, String> {

    @Override
    public String handle(JsonValue data, Peer caller) {
        return caller.principal().map(java.security.Principal::getName).orElse("anonymous");
    }
}
