package io.hitch.it.routes;

import io.hitch.api.Peer;
import io.hitch.api.Route;
import io.hitch.api.RouteHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonValue;

/** Fails unexpectedly, with a message that must never reach the client. */
@Route("test.boom")
@ApplicationScoped
public class Boom implements RouteHandler<JsonValue, String> {

    /** Text that would leak internals if it reached the wire. */
    public static final String SECRET = "db-password=hunter2";

    @Override
    public String handle(JsonValue data, Peer caller) {
        throw new IllegalStateException(SECRET);
    }
}
