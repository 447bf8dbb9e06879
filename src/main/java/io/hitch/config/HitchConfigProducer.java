package io.hitch.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** The one place that reads MicroProfile Config. */
@ApplicationScoped
public class HitchConfigProducer {

    /** @return the settings of this application, validated */
    @Produces
    @Singleton
    public HitchConfig hitchConfig() {
        return load();
    }

    /** @return the settings read from the application's MicroProfile Config */
    public static HitchConfig load() {
        Config config = ConfigProvider.getConfig(HitchConfigProducer.class.getClassLoader());
        return HitchConfig.from(key -> config.getOptionalValue(key, String.class));
    }
}
