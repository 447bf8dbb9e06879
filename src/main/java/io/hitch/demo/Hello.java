package io.hitch.demo;

import io.hitch.api.Peer;
import io.hitch.api.Route;
import io.hitch.api.RouteHandler;
import jakarta.enterprise.context.ApplicationScoped;

/** The hello world of Hitch: {@code {"name":"World"}} answers {@code {"message":"Hello, World!"}}. */
@Route("hello")
@ApplicationScoped
public class Hello implements RouteHandler<HelloRequest, Greeting> {

    @Override
    public Greeting handle(HelloRequest request, Peer caller) {
        return new Greeting("Hello, " + request.name() + "!");
    }
}
