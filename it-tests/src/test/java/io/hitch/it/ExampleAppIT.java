package io.hitch.it;

import io.hitch.client.HitchClient;
import io.hitch.client.HitchException;
import jakarta.json.JsonString;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example application of it-tests/example-app, built by its own Maven project on Hitch's overlay
 * WAR and API jar (README, "Your own app on Hitch"), deployed as it was built: its route answers over
 * the wire, the overlay brought the endpoint, the JavaScript client and the manager, its own
 * configuration applies, and none of Hitch's demo came with it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ExampleAppIT {

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.exampleApp();
    }

    @ArquillianResource
    URL base;

    // The test kit a user of Hitch writes their own tests with: the Java client and their own types.
    public record Shout(String text) { }

    public record Shouted(String text, String caller) { }

    @Test
    void theAppsOwnRouteAnswersOverTheWire() {
        try (HitchClient client = Clients.connect(base)) {
            Shouted reply = client.request("shout", new Shout("hello"), Shouted.class).join();
            assertEquals(new Shouted("HELLO!", client.peerId().orElseThrow()), reply);
        }
    }

    @Test
    void theAppsRouteGetsHitchsBindingAndValidation() {
        try (HitchClient client = Clients.connect(base)) {
            CompletableFuture<Shouted> blank = client.request("shout", new Shout("  "), Shouted.class);
            HitchException refused = HitchException.of(assertThrows(CompletionException.class, blank::join));
            assertEquals("bad_data", refused.code());
        }
    }

    @Test
    void theAppHasItsOwnRoutesAndNoneOfTheDemos() {
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            List<String> routes = client.welcome().getJsonObject("data").getJsonArray("routes")
                    .getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
            assertEquals(List.of("shout"), routes.stream().filter(r -> !r.startsWith("hitch.")).toList());
            assertEquals("unknown_route", client.call("hello", 2, "{\"name\":\"x\"}")
                    .getJsonObject("error").getString("code"));
        }
    }

    @Test
    void theAppsOwnConfigurationOverridesHitchsDefaults() {
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            // it-tests/example-app/src/main/resources/META-INF/microprofile-config.properties
            assertEquals(12000, client.welcome().getJsonObject("data").getInt("requestTimeoutMs"));
        }
    }

    @Test
    void theOverlayServesTheJavaScriptClientNextToTheAppsOwnPage() {
        HttpResponse<String> script = get("js/hitch.js");
        assertEquals(200, script.statusCode());
        assertTrue(script.body().contains("class HitchClient"), "js/hitch.js is not Hitch's client");
        HttpResponse<String> page = get("index.html");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<title>Shout"), "index.html is not the example's own page");
    }

    @Test
    void theDemoPagesStayOutOfTheApp() {
        assertEquals(404, get("chat.html").statusCode());
        assertEquals(404, get("js/demo.js").statusCode());
    }

    @Test
    void theManagerComesWithItsSecurityConstraint() {
        assertEquals(401, get("manager/").statusCode());
    }

    private HttpResponse<String> get(String path) {
        return HitchTestClient.http("GET", HitchTestClient.resource(base, path), Map.of());
    }
}
