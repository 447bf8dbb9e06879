package io.hitch.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.util.Map;

/**
 * Two Hitch applications on one server: {@code /metrics} must not lose the connections of one of
 * them. (A class of its own: which application's gauge the server keeps depends on which
 * application counts a connection first.)
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MetricsPerApplicationIT {

    @Deployment(name = "first", testable = false)
    static WebArchive first() {
        return Deployments.hitchWith("metrics-first", "");
    }

    @Deployment(name = "second", testable = false)
    static WebArchive second() {
        return Deployments.hitchWith("metrics-second", "");
    }

    @ArquillianResource
    @OperateOnDeployment("first")
    URL first;

    @ArquillianResource
    @OperateOnDeployment("second")
    URL second;

    /** @return the sum of every {@code hitch_connections} sample, whatever its labels */
    private double openConnections() {
        String text = HitchTestClient.http("GET", URI.create(first.getProtocol() + "://" + first.getHost() + ":"
                + first.getPort() + "/metrics"), Map.of("Accept", "text/plain")).body();
        return text.lines().filter(l -> l.startsWith("hitch_connections{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void theConnectionsOfEveryApplicationAreCounted() {
        try (HitchTestClient one = HitchTestClient.connect(first);
             HitchTestClient two = HitchTestClient.connect(second)) {
            HitchTestClient.eventually("two open connections in /metrics", this::openConnections, n -> n == 2);
        }
    }
}
