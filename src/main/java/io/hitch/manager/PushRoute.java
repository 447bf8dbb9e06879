package io.hitch.manager;

import io.hitch.api.Peer;
import io.hitch.api.Route;
import io.hitch.api.RouteHandler;
import io.hitch.dispatch.BuiltIn;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code manager.push}: an operator action (see {@link Operations}). */
@Route("manager.push")
@BuiltIn(table = "manager")
@RolesAllowed(Console.OPERATOR)
@ApplicationScoped
public class PushRoute implements RouteHandler<Console.Push, Console.Done> {

    @Inject
    Operations operations;

    @Override
    public Console.Done handle(Console.Push request, Peer caller) {
        return operations.push((ManagerSession) caller, request);
    }
}
