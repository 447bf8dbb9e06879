package io.hitch.dispatch;

import io.hitch.config.AccessConfig;
import io.hitch.config.FlowConfig;
import io.hitch.config.HitchConfig;
import io.hitch.protocol.FrameDecoder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.validation.ValidatorFactory;

/**
 * Assembles the request path once per application: the route table, the binder, the validator,
 * the dispatcher and the welcome.
 */
@ApplicationScoped
public class HitchRuntime {

    private HitchConfig config;
    private Inbound inbound;
    private Welcome welcome;
    private java.util.Set<String> roles;
    private int routeCount;

    protected HitchRuntime() {
        // for CDI proxies
    }

    @Inject
    public HitchRuntime(RouteExtension routes, HitchConfig config, AccessConfig access, FlowConfig flow,
                        ValidatorFactory validation, Binder binder, jakarta.enterprise.inject.Instance<DispatchListener> listeners) {
        this.config = config;
        RouteTable table = routes.table();
        this.roles = java.util.Set.copyOf(routes.roles());
        Incidents incidents = new Incidents();
        Dispatcher dispatcher = new Dispatcher(table, binder, InputValidator.of(validation),
                incidents, config.maxInFlight(), config.requestTimeoutMs(), new Dispatcher.Limits(
                        access.requireAuthentication(), flow.ratePerSecond(), flow.rateBurst(), flow.rateStrikes()));
        // Unwrapped once here: a call through a client proxy costs more than the listener's own work.
        dispatcher.listeners(listeners.stream().map(DispatchListener::target).toList());
        this.inbound = new Inbound(new FrameDecoder(config.maxDepth()), dispatcher, incidents);
        this.welcome = new Welcome(table, config);
        this.routeCount = table.names().size();
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

    /** @return the number of application routes */
    public int routeCount() {
        return routeCount;
    }

    /** @return every role some route (of any endpoint) names in {@code @RolesAllowed} */
    public java.util.Set<String> roles() {
        return roles;
    }
}
