package io.hitch.it.push;

import io.hitch.api.PeerConnected;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Map;

/** Pushes {@code test.greeted} {peer} to every new peer from a {@link PeerConnected} observer. */
@ApplicationScoped
public class GreetOnConnect {

    void greet(@Observes PeerConnected event) {
        event.peer().push("test.greeted", Map.of("peer", event.peer().id()));
    }
}
