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

    /** @return who may connect and call */
    @Produces
    @Singleton
    public AccessConfig accessConfig() {
        return AccessConfig.from(source());
    }

    /** @return rate limits, queues and liveness */
    @Produces
    @Singleton
    public FlowConfig flowConfig() {
        return FlowConfig.from(source());
    }

    /** @return which backplane the nodes share */
    @Produces
    @Singleton
    public BackplaneConfig backplaneConfig() {
        return BackplaneConfig.from(source());
    }

    /** @return missed-message recovery */
    @Produces
    @Singleton
    public RecoveryConfig recoveryConfig() {
        return RecoveryConfig.from(source());
    }

    /** @return the access settings read from the application's MicroProfile Config */
    public static AccessConfig access() {
        return AccessConfig.from(source());
    }

    /** @return the settings read from the application's MicroProfile Config */
    public static HitchConfig load() {
        return HitchConfig.from(source());
    }

    /**
     * Reads every group of settings once, so a deployment fails with all problems at once.
     *
     * @throws ConfigException naming every bad key
     */
    public static void validate() {
        java.util.List<String> problems = new java.util.ArrayList<>();
        for (Runnable group : java.util.List.<Runnable>of(() -> HitchConfig.from(source()),
                () -> AccessConfig.from(source()), () -> FlowConfig.from(source()),
                () -> RecoveryConfig.from(source()), () -> BackplaneConfig.from(source()))) {
            try {
                group.run();
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    private static java.util.function.Function<String, java.util.Optional<String>> source() {
        Config config = ConfigProvider.getConfig(HitchConfigProducer.class.getClassLoader());
        return key -> config.getOptionalValue(key, String.class);
    }
}
