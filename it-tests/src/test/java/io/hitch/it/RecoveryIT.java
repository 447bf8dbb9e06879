package io.hitch.it;

import io.hitch.it.push.PushRoutes;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Missed-message recovery on one server (memory backplane): resume tokens, replay, failures. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RecoveryIT {

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.hitchWith("recovery", "hitch.recovery.window-ms=60000\n", PushRoutes.groupsAndPush());
    }

    @ArquillianResource
    URL base;

    private static String json(Object... pairs) {
        JsonObjectBuilder builder = Json.createObjectBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            Object value = pairs[i + 1];
            if (value instanceof String s) {
                builder.add((String) pairs[i], s);
            } else if (value instanceof Boolean b) {
                builder.add((String) pairs[i], b);
            } else {
                builder.add((String) pairs[i], (JsonObject) value);
            }
        }
        return builder.build().toString();
    }

    private HitchTestClient resuming() {
        HitchTestClient client = HitchTestClient.connectTo(base, "ws?resume=1", Map.of());
        assertEquals("hitch.welcome", client.next().getString("route"));
        return client;
    }

    private static String resume(JsonObject welcome, Map<String, Long> seen) {
        JsonObjectBuilder positions = Json.createObjectBuilder();
        seen.forEach(positions::add);
        return Json.createObjectBuilder().add("token", welcome.getJsonObject("data").getString("resume"))
                .add("seen", positions).build().toString();
    }

    @Test
    void aClientThatComesBackGetsItsGroupAndEveryPushItMissedInOrderThenTheMarker() throws Exception {
        try (HitchTestClient bob = HitchTestClient.connect(base)) {
            JsonObject welcome;
            String alice;
            Map<String, Long> seen = new java.util.HashMap<>();
            try (HitchTestClient first = HitchTestClient.connect(base)) {
                welcome = first.welcome();
                alice = first.peerId();
                first.call("test.group.join", 1, json("group", "room"));
                bob.call("test.group.say", 1, json("group", "room", "text", "seen"));
                JsonObject said = first.nextPush("test.said");
                seen.put(said.getString("stream"), said.getJsonNumber("seq").longValue());
                first.drop();
            }
            for (int i = 0; i < 3; i++) {
                bob.call("test.group.say", 2 + i, json("group", "room", "text", "missed " + i));
            }
            bob.call("test.push.to", 5, json("peer", alice, "text", "direct, missed"));

            try (HitchTestClient again = resuming()) {
                JsonObject marker = again.call("hitch.resume", 1, resume(welcome, seen));

                List<String> replayed = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    replayed.add(again.next().getJsonObject("data").getString("text"));
                }
                assertEquals(marker.toString(), again.transcript().get(5), "the marker comes after them");
                assertEquals(List.of("missed 0", "missed 1", "missed 2", "direct, missed"), replayed);
                assertEquals("{\"groups\":[\"room\"],\"peer\":\"" + alice + "\",\"replayed\":4}",
                        marker.getJsonObject("data").toString());
                bob.call("test.group.say", 9, json("group", "room", "text", "live"));
                assertEquals("live", again.nextPush("test.said").getJsonObject("data").getString("text"));
                assertEquals(List.of(), again.drain(300), "nothing twice");
            }
        }
    }

    @Test
    void aForgedTokenIsRefusedClearlyAndTheClientStartsFreshWithoutDisturbingOthers() throws Exception {
        try (HitchTestClient bystander = HitchTestClient.connect(base);
             HitchTestClient mallory = resuming()) {
            bystander.call("test.group.join", 1, json("group", "vault"));

            JsonObject refused = mallory.call("hitch.resume", 1,
                    "{\"token\":\"" + bystander.peerId() + ".forged\",\"seen\":{}}");

            assertEquals("{\"code\":\"recovery_failed\",\"message\":\"the resume token is not valid\"}",
                    refused.getJsonObject("error").toString());
            assertEquals(Json.createArrayBuilder().add(bystander.peerId()).build(),
                    bystander.call("test.group.members", 2, json("group", "vault")).getJsonArray("data"));
            mallory.call("test.broadcast", 2, json("text", "still works"));
            assertEquals("still works", bystander.nextPush("test.broadcasted").getJsonObject("data").getString("text"));
        }
    }

    @Test
    void aConnectionOpenedWithoutResumeCannotResume() {
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            JsonObject refused = client.call("hitch.resume", 1, "{\"token\":\"x.y\",\"seen\":{}}");

            assertEquals("recovery_failed", refused.getJsonObject("error").getString("code"));
        }
    }

    @Test
    void theWelcomeGivesEveryClientItsOwnResumeToken() {
        try (HitchTestClient one = HitchTestClient.connect(base);
             HitchTestClient two = HitchTestClient.connect(base)) {
            String token = one.welcome().getJsonObject("data").getString("resume");

            assertEquals(one.peerId(), token.substring(0, token.lastIndexOf('.')));
            assertEquals(two.peerId(), two.welcome().getJsonObject("data").getString("resume").split("\\.")[0]);
        }
    }
}
