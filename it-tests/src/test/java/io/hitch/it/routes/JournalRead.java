package io.hitch.it.routes;

import io.hitch.api.Peer;
import io.hitch.api.Route;
import io.hitch.api.RouteHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** Reads what {@link Journal} recorded for the calling peer. */
@Route("test.journal.read")
@ApplicationScoped
public class JournalRead implements RouteHandler<Void, List<String>> {

    @Inject
    @Route("test.journal.write")
    Journal journal;

    @Override
    public List<String> handle(Void none, Peer caller) {
        String prefix = caller.id() + ":";
        return journal.entries().stream().filter(e -> e.startsWith(prefix))
                .map(e -> e.substring(prefix.length())).toList();
    }
}
