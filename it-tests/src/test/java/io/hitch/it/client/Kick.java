package io.hitch.it.client;

import io.hitch.api.Peer;
import io.hitch.api.Route;
import io.hitch.api.RouteHandler;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code test.kick}: closes the caller's connection with 4001 "kicked", as an operator or a route may. */
@Route("test.kick")
@ApplicationScoped
public class Kick implements RouteHandler<Void, Void> {

    @Override
    public Void handle(Void nothing, Peer caller) {
        caller.close(4001, "kicked");
        return null;
    }
}
