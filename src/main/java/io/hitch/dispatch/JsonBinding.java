package io.hitch.dispatch;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Owns the application's one JSON-B instance: creating one per message costs more than the message. */
@ApplicationScoped
public class JsonBinding {

    private final Jsonb jsonb = JsonbBuilder.create();

    /** @return the binder every part of Hitch shares */
    @Produces
    @Singleton
    public Binder binder() {
        return new Binder(jsonb);
    }

    @PreDestroy
    void close() {
        try {
            jsonb.close();
        } catch (Exception e) {
            Logger.getLogger("io.hitch").log(Level.FINE, "Closing JSON-B failed", e);
        }
    }
}
