package io.hitch.demo;

import io.hitch.api.Peer;
import io.hitch.api.Route;
import io.hitch.api.RouteHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonValue;

/** Answers with its data unchanged: any JSON, numbers exactly as sent. */
@Route("echo")
@ApplicationScoped
public class Echo implements RouteHandler<JsonValue, JsonValue> {

    @Override
    public JsonValue handle(JsonValue data, Peer caller) {
        return data;
    }
}
