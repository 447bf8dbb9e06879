package io.hitch.it.routes;

import io.hitch.api.Peer;
import io.hitch.api.Route;
import io.hitch.api.RouteException;
import io.hitch.api.RouteHandler;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** Always refuses with the application's own error code. */
@Route("test.fail")
@ApplicationScoped
public class Fail implements RouteHandler<String, String> {

    @Override
    public String handle(String item, Peer caller) {
        throw new RouteException("out_of_stock", "No " + item + " left").withDetails(Map.of("item", item));
    }
}
