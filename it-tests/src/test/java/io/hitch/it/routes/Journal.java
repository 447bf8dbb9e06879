package io.hitch.it.routes;

import io.hitch.api.Peer;
import io.hitch.api.Route;
import io.hitch.api.RouteHandler;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Notification target: records what it is told, per calling peer. */
@Route("test.journal.write")
@ApplicationScoped
public class Journal implements RouteHandler<String, Void> {

    private final List<String> entries = new CopyOnWriteArrayList<>();

    @Override
    public Void handle(String entry, Peer caller) {
        entries.add(caller.id() + ":" + entry);
        return null;
    }

    public List<String> entries() {
        return entries;
    }
}
