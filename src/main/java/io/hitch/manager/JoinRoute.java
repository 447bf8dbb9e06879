package io.hitch.manager;

import io.hitch.api.Peer;
import io.hitch.api.Route;
import io.hitch.api.RouteHandler;
import io.hitch.dispatch.BuiltIn;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code manager.join}: an operator action (see {@link Operations}). */
@Route("manager.join")
@BuiltIn(table = "manager")
@RolesAllowed(Console.OPERATOR)
@ApplicationScoped
public class JoinRoute implements RouteHandler<Console.Membership, Console.Done> {

    @Inject
    Operations operations;

    @Override
    public Console.Done handle(Console.Membership request, Peer caller) {
        return operations.membership((ManagerSession) caller, request, true);
    }
}
