package io.hitch.it;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo page in real Chromium while its application goes away and comes back: the JS client
 * notices the server's close, keeps retrying with backoff, and reconnects by itself once the
 * application is deployed again, with nothing reloaded.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ReconnectPageIT {

    private static final String APP = "app";
    /** The client's reconnection delay grows to 15 s, so a reconnection may take that long after the deployment. */
    private static final Duration RECONNECT_WAIT = Duration.ofSeconds(30);
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String PEER_MARK = "peer ";
    private static WebDriver browser;

    @Deployment(name = APP, managed = false, testable = false)
    static WebArchive app() {
        return Deployments.productWar();
    }

    @ArquillianResource
    Deployer deployer;

    private boolean deployed;

    @BeforeAll
    static void startBrowser() {
        browser = Chromium.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    // Deployed here rather than in the test: Arquillian resolves the test's URL parameter before the
    // test runs, and a deployment that is not deployed yet has no URL.
    @BeforeEach
    void deploy() {
        deployer.deploy(APP);
        deployed = true;
    }

    @AfterEach
    void undeployLeftovers() {
        if (deployed) {
            deployed = false;
            deployer.undeploy(APP);
        }
    }

    @Test
    void thePageReconnectsByItselfWhenTheApplicationIsRedeployed(
            @ArquillianResource @OperateOnDeployment(APP) URL base) {
        browser.get(base + "index.html");
        String firstPeer = waitForPeer(null, WAIT);
        sayHello("Ada");
        ((JavascriptExecutor) browser).executeScript(
                "window.closesSeen = [];"
                        + "window.hitchClient.addEventListener('close', (e) =>"
                        + " window.closesSeen.push(e.detail.code + ' ' + e.detail.reason));");

        deployer.undeploy(APP);
        deployed = false;
        boolean reconnecting = new WebDriverWait(browser, WAIT).until(ExpectedConditions.and(
                ExpectedConditions.attributeToBe(By.id("status"), "data-state", "reconnecting"),
                ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "reconnecting")));
        assertTrue(reconnecting);
        Object closes = ((JavascriptExecutor) browser).executeScript("return window.closesSeen;");
        assertTrue(closes instanceof List<?> list && !list.isEmpty(), "no close event: " + closes);
        assertEquals("1001 server shutting down", ((List<?>) closes).get(0), "the first close: " + closes);

        deployer.deploy(APP);
        deployed = true;
        String secondPeer = waitForPeer(firstPeer, RECONNECT_WAIT);
        assertNotEquals(firstPeer, secondPeer);
        assertEquals("open", browser.findElement(By.id("status")).getDomAttribute("data-state"));
        sayHello("Grace");
    }

    /**
     * Waits until the status shows a peer id other than {@code previous} (any, when null).
     * @return the peer id shown
     */
    private static String waitForPeer(String previous, Duration timeout) {
        return new WebDriverWait(browser, timeout).withMessage(() -> "status: " + statusText()).until(driver -> {
            String status = statusText();
            int at = status.indexOf(PEER_MARK);
            if (at < 0) {
                return null;
            }
            String peer = status.substring(at + PEER_MARK.length()).trim();
            return peer.isEmpty() || peer.equals(previous) ? null : peer;
        });
    }

    private static String statusText() {
        return browser.findElement(By.id("status")).getText();
    }

    private static void sayHello(String name) {
        WebElement input = browser.findElement(By.id("name"));
        input.clear();
        input.sendKeys(name);
        browser.findElement(By.id("say-hello")).click();
        boolean greeted = new WebDriverWait(browser, WAIT).until(
                ExpectedConditions.textToBePresentInElementLocated(By.id("answer"), "Hello, " + name + "!"));
        assertTrue(greeted);
    }
}
