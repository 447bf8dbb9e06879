package io.hitch.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo pages in real Chromium, served by Liberty from the product WAR. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DemoPageIT {

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
        browser = Chromium.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void typingANameAndClickingShowsTheGreeting() {
        browser.get(base + "index.html");
        waitForText("status", "peer");
        browser.findElement(By.id("name")).sendKeys("Ada");
        browser.findElement(By.id("say-hello")).click();
        waitForText("answer", "Hello, Ada!");
    }

    @Test
    void aBlankNameShowsTheBadDataError() {
        browser.get(base + "index.html");
        browser.findElement(By.id("name")).sendKeys("   ");
        browser.findElement(By.id("say-hello")).click();
        waitForText("answer", "bad_data");
    }

    @Test
    void theConsoleSendsAnyRouteAndShowsTheReply() {
        browser.get(base + "index.html");
        browser.findElement(By.id("console-route")).clear();
        browser.findElement(By.id("console-route")).sendKeys("echo");
        browser.findElement(By.id("console-data")).clear();
        browser.findElement(By.id("console-data")).sendKeys("{\"n\": 42.5, \"s\": \"\u2603\"}");
        browser.findElement(By.id("console-send")).click();
        waitForText("console-output", "42.5");
        browser.findElement(By.id("console-route")).clear();
        browser.findElement(By.id("console-route")).sendKeys("no.such.route");
        browser.findElement(By.id("console-send")).click();
        waitForText("console-output", "unknown_route");
    }

    @Test
    void theSeedStyleHelloPageAlertsTheGreeting() {
        browser.get(base + "hello.html");
        browser.findElement(By.id("name")).sendKeys("World");
        browser.findElement(By.tagName("button")).click();
        Alert alert = new WebDriverWait(browser, WAIT).until(ExpectedConditions.alertIsPresent());
        assertEquals("Hello, World!", alert.getText());
        alert.accept();
    }

    @Test
    void theClientWorksAsAnEsModuleImport() {
        browser.get(base + "index.html");
        Object message = ((org.openqa.selenium.JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "import(new URL('js/hitch.mjs', location.href).href)"
                        + ".then(m => new m.HitchClient().request('hello', {name: 'module'}))"
                        + ".then(d => done(d.message), e => done('failed: ' + e))");
        assertEquals("Hello, module!", message);
    }

    private static void waitForText(String id, String text) {
        boolean found = new WebDriverWait(browser, WAIT).until(
                ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
        assertTrue(found);
    }
}
