package io.hitch.manager;

import io.hitch.api.Peer;
import io.hitch.api.Route;
import io.hitch.api.RouteHandler;
import io.hitch.dispatch.BuiltIn;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code manager.disconnect}: an operator action (see {@link Operations}). */
@Route("manager.disconnect")
@BuiltIn(table = "manager")
@RolesAllowed(Console.OPERATOR)
@ApplicationScoped
public class DisconnectRoute implements RouteHandler<Console.Disconnect, Console.Done> {

    @Inject
    Operations operations;

    @Override
    public Console.Done handle(Console.Disconnect request, Peer caller) {
        return operations.disconnect((ManagerSession) caller, request);
    }
}
