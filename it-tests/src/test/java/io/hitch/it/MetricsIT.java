package io.hitch.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Hitch's MicroProfile Metrics as the server's {@code /metrics} endpoint prints them (Prometheus text). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MetricsIT {

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.hitchWith("metrics",
                "hitch.rate-limit.per-second=5\nhitch.rate-limit.burst=5\nhitch.rate-limit.strikes=3\n");
    }

    @ArquillianResource
    URL base;

    private String metrics() {
        var response = HitchTestClient.http("GET", URI.create(base.getProtocol() + "://" + base.getHost() + ":"
                + base.getPort() + "/metrics"), Map.of("Accept", "text/plain"));
        assertEquals(200, response.statusCode());
        return response.body();
    }

    @Test
    void printWhatTheServerPrints() {
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            for (int id = 1; id <= 30 && client.isOpen(); id++) {
                try {
                    client.sendRaw("{\"route\":\"echo\",\"id\":" + id + "}");
                } catch (RuntimeException e) {
                    break;
                }
            }
            client.awaitClose();
        }
        String text = HitchTestClient.eventually("closed counted", this::metrics, t -> t.contains("rate_limit"));
        text.lines().filter(l -> l.contains("hitch")).forEach(System.out::println);
    }
}
