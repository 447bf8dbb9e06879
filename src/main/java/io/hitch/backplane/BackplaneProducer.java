package io.hitch.backplane;

import io.hitch.config.BackplaneConfig;
import io.hitch.config.RecoveryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/** Makes the configured backplane ({@code hitch.backplane}) and closes it when the application stops. */
@ApplicationScoped
public class BackplaneProducer {

    @Produces
    @ApplicationScoped
    Backplane backplane(BackplaneConfig config, RecoveryConfig recovery, Instance<BackplaneListener> listeners) {
        if (!config.redis()) {
            return new MemoryBackplane(recovery);
        }
        RedisBackplane redis = new RedisBackplane(config, recovery);
        if (listeners.isResolvable()) {
            redis.listener(listeners.get());
        }
        return redis;
    }

    void close(@Disposes Backplane backplane) {
        backplane.close();
    }
}
