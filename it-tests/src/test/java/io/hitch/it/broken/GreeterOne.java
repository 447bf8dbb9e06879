package io.hitch.it.broken;

import io.hitch.api.Peer;
import io.hitch.api.Route;
import io.hitch.api.RouteHandler;
import jakarta.enterprise.context.ApplicationScoped;

/** One of two beans claiming the same route. */
@Route("greet")
@ApplicationScoped
public class GreeterOne implements RouteHandler<String, String> {

    @Override
    public String handle(String name, Peer caller) {
        return "one " + name;
    }
}
