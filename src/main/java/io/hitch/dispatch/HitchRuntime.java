package io.hitch.dispatch;

import io.hitch.config.HitchConfig;
import io.hitch.protocol.FrameDecoder;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.validation.Validator;

/**
 * Assembles the request path once per application: the route table, one JSON-B instance, the
 * validator, the dispatcher and the welcome.
 */
@ApplicationScoped
public class HitchRuntime {

    private HitchConfig config;
    private Jsonb jsonb;
    private Inbound inbound;
    private Welcome welcome;

    protected HitchRuntime() {
        // for CDI proxies
    }

    @Inject
    public HitchRuntime(RouteExtension routes, HitchConfig config, Validator validator) {
        this.config = config;
        this.jsonb = JsonbBuilder.create();
        RouteTable table = routes.table();
        Incidents incidents = new Incidents();
        Dispatcher dispatcher = new Dispatcher(table, new Binder(jsonb), new InputValidator(validator),
                incidents, config.maxInFlight(), config.requestTimeoutMs());
        this.inbound = new Inbound(new FrameDecoder(config.maxDepth()), dispatcher, incidents);
        this.welcome = new Welcome(table, config);
    }

    // Built at deployment, not at the first connection, so mistakes surface in the start-up log.
    void onStartup(@Observes Startup startup) {
        inbound();
    }

    public Inbound inbound() {
        return inbound;
    }

    public Welcome welcome() {
        return welcome;
    }

    public HitchConfig config() {
        return config;
    }

    @PreDestroy
    void close() {
        try {
            jsonb.close();
        } catch (Exception e) {
            java.util.logging.Logger.getLogger("io.hitch").log(java.util.logging.Level.FINE, "Closing JSON-B failed", e);
        }
    }
}
