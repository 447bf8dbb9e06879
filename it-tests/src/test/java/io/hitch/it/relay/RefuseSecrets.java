package io.hitch.it.relay;

import io.hitch.api.Peer;
import io.hitch.api.RelayPolicy;
import jakarta.enterprise.context.ApplicationScoped;

/** A relay policy that refuses one route the configuration allows: {@code test.any.secret}. */
@ApplicationScoped
public class RefuseSecrets implements RelayPolicy {

    /** The route this policy refuses. */
    public static final String REFUSED = "test.any.secret";

    @Override
    public boolean allows(Peer caller, Peer target, String route) {
        return !REFUSED.equals(route);
    }
}
