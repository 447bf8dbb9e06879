package io.hitch.manager;

import io.hitch.api.Peer;
import io.hitch.api.Route;
import io.hitch.api.RouteHandler;
import io.hitch.dispatch.BuiltIn;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;

import java.util.concurrent.CompletionStage;

/** {@code manager.call}: an operator action (see {@link Operations}). */
@Route("manager.call")
@BuiltIn(table = "manager")
@RolesAllowed(Console.OPERATOR)
@ApplicationScoped
public class CallRoute implements RouteHandler<Console.Call, CompletionStage<JsonValue>> {

    @Inject
    Operations operations;

    @Override
    public CompletionStage<JsonValue> handle(Console.Call request, Peer caller) {
        return operations.call((ManagerSession) caller, request);
    }
}
