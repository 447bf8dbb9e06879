package io.hitch.it;

import org.jboss.shrinkwrap.api.GenericArchive;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;

/** Builds the smallest archives the integration tests need. */
public final class Deployments {

    private static final String CLASSES = System.getProperty("hitch.classes", "target/classes");
    private static final String PRODUCT_CONFIG = "/META-INF/microprofile-config.properties";

    private Deployments() {
    }

    /**
     * @param name   the archive name, also its context root
     * @param config extra MicroProfile Config lines ({@code key=value}), may be empty
     * @param routes the test's own route beans and their types
     * @return Hitch's runtime and demo routes as built, plus the given classes
     */
    public static WebArchive hitchWith(String name, String config, Class<?>... routes) {
        // Exactly the product's compiled classes and resources (not the unit tests that share
        // their packages), less its config file when the test brings its own.
        GenericArchive product = ShrinkWrap.create(GenericArchive.class).as(ExplodedImporter.class)
                .importDirectory(CLASSES).as(GenericArchive.class);
        // As in the product WAR: the Java client ships in its own jar.
        product.delete("/io/hitch/client");
        if (!config.isEmpty()) {
            product.delete(PRODUCT_CONFIG);
        }
        WebArchive war = ShrinkWrap.create(WebArchive.class, name + ".war")
                .merge(product, "/WEB-INF/classes")
                .addClasses(routes)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
        if (!config.isEmpty()) {
            war.addAsResource(new StringAsset(config), "META-INF/microprofile-config.properties");
        }
        return war;
    }

    /**
     * @return the example application (it-tests/example-app) exactly as its own Maven build packaged
     *         it: its route and configuration on Hitch's overlay WAR
     */
    public static WebArchive exampleApp() {
        File war = new File(System.getProperty("hitch.example.war",
                "target/example-apps/example-app/target/example-app.war"));
        return ShrinkWrap.createFromZipFile(WebArchive.class, war);
    }

    /**
     * @param name   the archive name, also its context root
     * @param config the MicroProfile Config of the archive, instead of the product's
     * @param routes the test's own route beans and their types
     * @return the product WAR as packaged (its libraries included: the Redis client) with that
     *         configuration and the given classes
     */
    public static WebArchive productWarWith(String name, String config, Class<?>... routes) {
        WebArchive war = ShrinkWrap.create(WebArchive.class, name + ".war").merge(productWar());
        war.delete("/WEB-INF/classes" + PRODUCT_CONFIG);
        return war.addClasses(routes)
                .addAsResource(new StringAsset(config), "META-INF/microprofile-config.properties");
    }

    /** @return the product WAR exactly as the build packaged it (demo pages and JS client included) */
    public static WebArchive productWar() {
        File war = new File(System.getProperty("hitch.war", "target/hitch.war"));
        return ShrinkWrap.createFromZipFile(WebArchive.class, war);
    }
}
