package io.hitch.it;

import io.hitch.it.broken.GreeterOne;
import io.hitch.it.broken.GreeterTwo;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mistakes in routes or configuration stop the deployment, with a message that says what to fix. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DeploymentFailuresIT {

    @Deployment(name = "duplicate-route", managed = false, testable = false)
    static WebArchive duplicateRoute() {
        return Deployments.hitchWith("duplicate-route", "", GreeterOne.class, GreeterTwo.class);
    }

    @Deployment(name = "bad-config", managed = false, testable = false)
    static WebArchive badConfig() {
        return Deployments.hitchWith("bad-config", "hitch.max-in-flight=lots\nhitch.max-frame-bytes=-1\n");
    }

    @ArquillianResource
    Deployer deployer;

    private void assertDeploymentFails(String name) {
        try {
            Throwable failure = assertThrows(Throwable.class, () -> deployer.deploy(name));
            Throwable cause = failure;
            while (!(cause instanceof DeploymentException) && cause.getCause() != null) {
                cause = cause.getCause();
            }
            assertTrue(cause instanceof DeploymentException, "not a deployment failure: " + failure);
        } finally {
            try {
                deployer.undeploy(name);
            } catch (RuntimeException alreadyGone) {
                // a deployment that never started may have nothing to undeploy
            }
        }
    }

    @Test
    void twoBeansServingOneRouteFailTheDeploymentNamingBoth() throws Exception {
        assertDeploymentFails("duplicate-route");
        String log = ServerLog.read();
        assertTrue(log.contains("Route 'greet' is served by two beans"), "no duplicate-route message in the log");
        assertTrue(log.contains(GreeterOne.class.getName()) && log.contains(GreeterTwo.class.getName()));
    }

    @Test
    void invalidConfigurationFailsTheDeploymentNamingEveryBadKey() throws Exception {
        assertDeploymentFails("bad-config");
        String log = ServerLog.read();
        assertTrue(log.contains("hitch.max-in-flight='lots' is not valid"), "no message for max-in-flight");
        assertTrue(log.contains("hitch.max-frame-bytes='-1' is not valid"), "no message for max-frame-bytes");
    }
}
