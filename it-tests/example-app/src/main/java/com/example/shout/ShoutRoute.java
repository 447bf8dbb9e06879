package com.example.shout;

import io.hitch.api.Peer;
import io.hitch.api.Route;
import io.hitch.api.RouteHandler;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;

/** The example application's one route: {@code client.request("shout", {text: "hi"})}. */
@Route("shout")
@ApplicationScoped
public class ShoutRoute implements RouteHandler<Shout, Shouted> {

    @Override
    public Shouted handle(Shout shout, Peer caller) {
        return new Shouted(shout.text().toUpperCase(Locale.ROOT) + "!", caller.id());
    }
}
