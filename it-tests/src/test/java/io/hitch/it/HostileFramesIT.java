package io.hitch.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A generated corpus of hostile frames: every one gets exactly one answer (a reply, an error reply or
 * a {@code hitch.error} push), the connection survives all of them, and a bystander is not disturbed.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostileFramesIT {

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.hitchWith("hostile", "");
    }

    @ArquillianResource
    URL base;

    @Test
    void everyHostileFrameIsAnsweredOnceAndTheConnectionSurvives() throws Exception {
        List<String> corpus = HostileCorpus.generate(1_200, 20261121L);
        try (HitchTestClient hostile = HitchTestClient.connect(base);
             HitchTestClient bystander = HitchTestClient.connect(base)) {
            int sent = 0;
            for (String frame : corpus) {
                hostile.sendRaw(frame);
                sent++;
                if (sent % 100 == 0) {
                    assertEquals("calm", bystander.call("echo", sent, "\"calm\"").getString("data"));
                }
            }
            for (int i = 0; i < corpus.size(); i++) {
                JsonObject answer = hostile.next();
                assertTrue(answer.containsKey("re") || "hitch.error".equals(answer.getString("route", "")),
                        "unexpected frame " + answer);
            }
            assertTrue(hostile.drain(300).isEmpty(), "some frame was answered twice");
            assertEquals("alive", hostile.call("echo", 1, "\"alive\"").getString("data"));
        }
    }
}
