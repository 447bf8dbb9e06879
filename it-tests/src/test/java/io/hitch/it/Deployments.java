package io.hitch.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;

/** Builds the smallest archives the integration tests need. */
public final class Deployments {

    private static final String[] HITCH_PACKAGES = {
        "io.hitch.api", "io.hitch.protocol", "io.hitch.dispatch", "io.hitch.peers", "io.hitch.transport",
        "io.hitch.config", "io.hitch.demo"};

    private Deployments() {
    }

    /**
     * @param name   the archive name, also its context root
     * @param config extra MicroProfile Config lines ({@code key=value}), may be empty
     * @param routes the test's own route beans and their types
     * @return Hitch's runtime, its demo routes, and the given classes
     */
    public static WebArchive hitchWith(String name, String config, Class<?>... routes) {
        WebArchive war = ShrinkWrap.create(WebArchive.class, name + ".war")
                .addPackages(false, HITCH_PACKAGES)
                .addClasses(routes)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .addAsResource(new StringAsset("io.hitch.dispatch.RouteExtension\n"),
                        "META-INF/services/jakarta.enterprise.inject.spi.Extension");
        if (!config.isEmpty()) {
            war.addAsResource(new StringAsset(config), "META-INF/microprofile-config.properties");
        }
        return war;
    }

    /** @return the product WAR exactly as the build packaged it (demo pages and JS client included) */
    public static WebArchive productWar() {
        File war = new File(System.getProperty("hitch.war", "target/hitch.war"));
        return ShrinkWrap.createFromZipFile(WebArchive.class, war);
    }
}
