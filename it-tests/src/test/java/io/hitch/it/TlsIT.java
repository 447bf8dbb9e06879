package io.hitch.it;

import io.hitch.client.HitchClient;
import io.hitch.client.HitchOptions;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HTTPS and WSS on Liberty's secure port with the development certificate Liberty generates: a
 * client that trusts that certificate makes a round trip, one that does not is refused, and the demo
 * page loaded over HTTPS in Chromium connects with {@code wss:}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TlsIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static WebDriver browser;

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.productWar();
    }

    @ArquillianResource
    URL base;

    @BeforeAll
    static void startBrowser() {
        // This test browser only: it accepts the self-signed development certificate.
        browser = Chromium.start("--ignore-certificate-errors");
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    public record Hello(String name) { }

    public record Greeting(String message) { }

    @Test
    void theJavaClientTrustingTheDevelopmentCertificateMakesAWssRoundTrip() {
        HttpClient trusting = HttpClient.newBuilder().sslContext(DevCertificate.trustingIt()).build();
        try (HitchClient client = HitchClient.connect(wss(), HitchOptions.builder().httpClient(trusting).build())) {
            Greeting reply = client.request("hello", new Hello("TLS"), Greeting.class, Clients.WAIT).join();
            assertEquals(new Greeting("Hello, TLS!"), reply);
        }
    }

    @Test
    void aClientThatDoesNotTrustTheDevelopmentCertificateIsRefusedAtTheHandshake() throws NoSuchAlgorithmException {
        URI uri = wss();
        SSLContext jdkDefaults = SSLContext.getDefault();
        Throwable failure = assertThrows(RuntimeException.class,
                () -> HitchTestClient.connect(uri, jdkDefaults, Map.of()).close());
        assertTrue(causedBy(failure, SSLHandshakeException.class), () -> "not a TLS handshake failure: " + failure);
    }

    @Test
    void aPageServedOverHttpsMayOpenTheSecureEndpoint() {
        URL secure = DevCertificate.secure(base);
        String origin = "https://" + secure.getHost() + ":" + secure.getPort();
        try (HitchTestClient client = HitchTestClient.connect(wss(), DevCertificate.trustingIt(), Map.of("Origin", origin))) {
            assertEquals("hitch/1", client.welcome().getJsonObject("data").getString("protocol"));
        }
    }

    @Test
    void theDemoPageOverHttpsTalksToTheServerOverWss() {
        browser.get(DevCertificate.secure(base) + "index.html");
        waitForText("status", "peer");
        Object url = ((JavascriptExecutor) browser).executeScript("return window.hitchClient.url;");
        assertTrue(String.valueOf(url).startsWith("wss://"), "the page's client connects to " + url);
        browser.findElement(By.id("name")).sendKeys("Ada");
        browser.findElement(By.id("say-hello")).click();
        waitForText("answer", "Hello, Ada!");
    }

    private URI wss() {
        return HitchTestClient.wsUri(DevCertificate.secure(base));
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static void waitForText(String id, String text) {
        boolean found = new WebDriverWait(browser, WAIT).until(
                ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
        assertTrue(found);
    }
}
