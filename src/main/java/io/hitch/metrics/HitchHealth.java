package io.hitch.metrics;

import io.hitch.backplane.Backplane;
import io.hitch.dispatch.HitchRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * MicroProfile Health: {@code /health/ready} is UP once the route table is built and the endpoint
 * accepts connections; {@code /health/live} is UP while the application runs.
 */
@ApplicationScoped
public class HitchHealth {

    @Inject
    HitchRuntime runtime;
    @Inject
    Backplane backplane;

    private volatile boolean started;

    void started(@Observes Startup startup) {
        started = true;
    }

    @Produces
    @Readiness
    HealthCheck ready() {
        // Not ready while the backplane cannot reach Redis: a load balancer sends clients elsewhere.
        return () -> {
            boolean backplaneUp = backplane.healthy();
            return HealthCheckResponse.named("hitch")
                    .status(started && runtime.inbound() != null && backplaneUp)
                    .withData("routes", runtime.routeCount())
                    .withData("backplane", backplaneUp ? "up" : "down")
                    .withData("node", backplane.nodeId())
                    .build();
        };
    }

    @Produces
    @Liveness
    HealthCheck live() {
        return () -> HealthCheckResponse.named("hitch").up().build();
    }
}
