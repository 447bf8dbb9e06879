package io.hitch.it;

import io.hitch.api.Peer;
import io.hitch.api.Route;
import io.hitch.api.RouteHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The manager console (/manager/index.html) in real Chromium, signed in with HTTP Basic
 * authentication as the test server's operator (erin) or monitor (dave), against demo clients.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ManagerPageIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String OPERATOR = "erin";
    private static final String OPERATOR_PASSWORD = "erin-it-password";
    private static final String MONITOR = "dave";
    private static final String MONITOR_PASSWORD = "dave-it-password";

    @Deployment(testable = false)
    static WebArchive app() {
        // The product WAR as built (with its web.xml constraint on /manager/*), plus a route that sets
        // a peer attribute.
        return Deployments.productWar().addClass(ManagerPageNote.class);
    }

    @ArquillianResource
    URL base;

    private WebDriver browser;

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }

    @Test
    void anOperatorSeesAClientPushesItAMessageAndDisconnectsIt() throws Exception {
        signIn(OPERATOR, OPERATOR_PASSWORD);
        long start = System.nanoTime();
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            String peer = client.peerId();
            WebElement row = new WebDriverWait(browser, Duration.ofSeconds(2)).until(
                    ExpectedConditions.presenceOfElementLocated(rowOf(peer)));
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(elapsedMs <= 2000, "the peer appeared after " + elapsedMs + " ms");

            row.click();
            waitForText("peer-detail", peer);
            assertEquals(peer, browser.findElement(By.id("action-peer")).getAttribute("value"));

            new Select(browser.findElement(By.id("push-target"))).selectByValue("peer");
            type("push-route", "test.notice");
            type("push-data", "{\"text\": \"hi from the console\"}");
            browser.findElement(By.id("push-send")).click();
            JsonObject push = client.nextPush("test.notice");
            assertEquals("hi from the console", push.getJsonObject("data").getString("text"));
            waitForText("action-result", "pushed to peer " + peer);

            type("action-reason", "maintenance window");
            browser.findElement(By.id("action-disconnect")).click();
            assertEquals(4000, client.awaitClose());
            assertEquals("maintenance window", client.closeReason());
            waitForText("action-result", "disconnected " + peer);
            new WebDriverWait(browser, WAIT).until(ExpectedConditions.numberOfElementsToBe(rowOf(peer), 0));
            HitchTestClient.eventually("the disconnect logged with the operator's name", ManagerPageIT::log,
                    log -> log.contains("Operator " + OPERATOR + " disconnected peer " + peer + " (maintenance window)"));
        }
    }

    @Test
    void htmlFromAClientIsShownAsText() {
        signIn(OPERATOR, OPERATOR_PASSWORD);
        String note = "<b>bold</b><img src=x onerror=\"document.title='pwned'\">";
        try (HitchTestClient client = HitchTestClient.connect(base, Map.of("User-Agent", "<i>agent</i>"))) {
            JsonObject answer = client.call("test.note", 1, jsonString(note));
            assertEquals(JsonValue.TRUE, answer.get("data"), answer.toString());
            WebElement row = new WebDriverWait(browser, WAIT).until(
                    ExpectedConditions.presenceOfElementLocated(rowOf(client.peerId())));
            assertTrue(row.getText().contains("<i>agent</i>"), row.getText());
            row.click();

            waitForText("peer-detail", "<b>bold</b>");
            WebElement detail = browser.findElement(By.id("peer-detail"));
            assertTrue(detail.getText().contains(note), detail.getText());
            assertTrue(detail.findElements(By.tagName("b")).isEmpty(), "a <b> element was made from the attribute");
            assertTrue(detail.findElements(By.tagName("img")).isEmpty(), "an <img> element was made from the attribute");
            assertTrue(browser.findElements(By.cssSelector("#peers i")).isEmpty(), "an <i> element was made from the user agent");
            assertFalse(browser.getTitle().contains("pwned"));
        }
    }

    @Test
    void theConsoleShowsRoutesGroupsTailsAndTheChartAndAnswersTestRequests() throws Exception {
        signIn(OPERATOR, OPERATOR_PASSWORD);
        try (HitchTestClient ada = HitchTestClient.connect(base);
             HitchTestClient bob = HitchTestClient.connect(base, Map.of("User-Agent", "Bob's test client/1.0"))) {
            ada.call("test.note", 1, jsonString("Ada's note"));
            bob.call("hello", 1, "{\"name\":\"secret-payload-42\"}");
            bob.call("hello", 2, "{\"name\":\"  \"}"); // bad_data
            WebElement adaRow = new WebDriverWait(browser, WAIT).until(
                    ExpectedConditions.presenceOfElementLocated(rowOf(ada.peerId())));

            // The operator puts Ada into a group: it shows in the groups and in her row
            adaRow.click();
            type("group-name", "ops.room");
            browser.findElement(By.id("group-join")).click();
            waitForText("action-result", "in ops.room");
            waitForText("groups", "ops.room");
            waitForText("groups", ada.peerId());
            new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBePresentInElement(
                    browser.findElement(rowOf(ada.peerId())), "ops.room"));

            // A push to the group reaches Ada, not Bob
            new Select(browser.findElement(By.id("push-target"))).selectByValue("group");
            type("push-group", "ops.room");
            type("push-route", "test.group.notice");
            type("push-data", "[1, 2, 3]");
            browser.findElement(By.id("push-send")).click();
            assertEquals("[1,2,3]", ada.nextPush("test.group.notice").get("data").toString());
            waitForText("action-result", "pushed to group ops.room");

            // A test request as if from a client, and its answer; an error reply shows its code
            type("call-route", "hello");
            type("call-data", "{\"name\": \"Console\"}");
            browser.findElement(By.id("call-send")).click();
            waitForText("action-result", "Hello, Console!");
            type("call-data", "{}");
            browser.findElement(By.id("call-send")).click();
            new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#action-result li[data-code='bad_data']")));
            type("call-data", "{not json");
            browser.findElement(By.id("call-send")).click();
            waitForText("action-result", "not valid JSON");

            // Routes with their figures, the error tail, sampled traffic with and without payloads
            new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#routes tr[data-route='hello']")));
            waitForText("routes", "bad_data");
            waitForText("errors", "bad_data");
            waitForText("traffic", "secret-payload-42");
            browser.findElement(By.id("hide-payloads")).click();
            new WebDriverWait(browser, WAIT).until(ExpectedConditions.not(
                    ExpectedConditions.textToBePresentInElementLocated(By.id("traffic"), "secret-payload-42")));
            waitForText("traffic", "(hidden)");
            browser.findElement(By.id("hide-payloads")).click();
            waitForText("traffic", "secret-payload-42");

            // Search and sort go to the server
            type("peer-search", "Bob's test");
            waitForText("peers-count", "1 of ");
            assertEquals(List.of(bob.peerId()), shownPeers());
            type("peer-search", "");
            waitForText("peers-count", "2 of ");
            browser.findElement(By.cssSelector("th[data-sort='id'] button")).click();
            new WebDriverWait(browser, WAIT).until(d -> shownPeers().equals(
                    shownPeers().stream().sorted().toList()) && shownPeers().size() == 2);
            assertEquals("ascending", browser.findElement(By.cssSelector("th[data-sort='id']")).getAttribute("aria-sort"));

            // The chart has drawn something: its label tells the latest figures
            new WebDriverWait(browser, WAIT).until(ExpectedConditions.attributeContains(
                    By.id("chart"), "aria-label", "connections"));
            adaRow = browser.findElement(rowOf(ada.peerId()));
            adaRow.click();
            waitForText("peer-detail", "Ada's note");
            screenshot();
        }
    }

    @Test
    void aMonitorSeesThePeersButTheServerRefusesItsActions() throws Exception {
        signIn(MONITOR, MONITOR_PASSWORD);
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            String peer = client.peerId();
            new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(rowOf(peer))).click();
            waitForText("peer-detail", peer);

            type("action-reason", "should not happen");
            browser.findElement(By.id("action-disconnect")).click();
            new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#action-result li[data-code='forbidden']")));
            waitForText("action-result", "forbidden");

            new Select(browser.findElement(By.id("push-target"))).selectByValue("all");
            type("push-route", "test.notice");
            browser.findElement(By.id("push-send")).click();
            type("call-route", "hello");
            type("call-data", "{\"name\": \"monitor\"}");
            browser.findElement(By.id("call-send")).click();
            new WebDriverWait(browser, WAIT).until(ExpectedConditions.numberOfElementsToBe(
                    By.cssSelector("#action-result li[data-code='forbidden']"), 3));

            // The client is still connected, and got no push
            assertTrue(client.drain(1000).stream().noneMatch(f -> "test.notice".equals(f.getString("route", null))));
            assertTrue(client.isOpen());
            assertTrue(client.call("hitch.ping", 1, null).containsKey("data"));
            assertEquals(1, browser.findElements(rowOf(peer)).size());
        }
    }

    // ---- helpers ----

    /**
     * Opens the console in a new browser, signed in with HTTP Basic credentials given once in the URL.
     * The console connects only when its WebSocket upgrade is authenticated as a user in a manager
     * role, and the server log names that user.
     */
    private void signIn(String user, String password) {
        String opened = "Manager console opened by " + user + " ";
        int before = occurrences(log(), opened);
        browser = Chromium.start();
        browser.manage().window().setSize(new Dimension(1440, 1400));
        String page = base.toString().replaceFirst("^http://", "http://" + user + ":" + password + "@")
                + "manager/index.html";
        browser.get(page);
        // Chromium keeps the credentials for the protection space: the page without them in its URL
        // gets them too, and so do its scripts and its WebSocket upgrade (to /manager/ws).
        browser.get(base + "manager/index.html");
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.attributeToBe(By.id("status"), "data-state", "open"));
        waitForText("peers-count", "peers");
        HitchTestClient.eventually("the console's upgrade authenticated as " + user, ManagerPageIT::log,
                log -> occurrences(log, opened) > before);
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            count++;
        }
        return count;
    }

    private static By rowOf(String peer) {
        return By.cssSelector("#peers tr[data-peer='" + peer + "']");
    }

    private List<String> shownPeers() {
        return browser.findElements(By.cssSelector("#peers tr[data-peer]")).stream()
                .map(tr -> tr.getAttribute("data-peer")).toList();
    }

    private void type(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        if (!text.isEmpty()) {
            field.sendKeys(text);
        } else {
            // clear() fires no input event: type and delete a character so the page sees the change
            field.sendKeys(" ", org.openqa.selenium.Keys.BACK_SPACE);
        }
    }

    private void waitForText(String id, String text) {
        boolean found = new WebDriverWait(browser, WAIT).until(
                ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
        assertTrue(found);
    }

    private static String jsonString(String text) {
        return jakarta.json.Json.createValue(text).toString();
    }

    private static String log() {
        try {
            return ServerLog.read();
        } catch (IOException e) {
            return "";
        }
    }

    /** Saves what the console looks like to -Dmanager.screenshot=<file.png>, when given. */
    private void screenshot() throws IOException {
        String target = System.getProperty("manager.screenshot");
        if (target == null || target.isBlank()) {
            return;
        }
        // The whole page: as tall as its content (ChromeDriver shoots only the window)
        Object height = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollHeight");
        browser.manage().window().setSize(new Dimension(1440, ((Number) height).intValue() + 160));
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("updated"), "updated"));
        try {
            Thread.sleep(1500); // a state push or two redraws the chart at the new size
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, Path.of(target), StandardCopyOption.REPLACE_EXISTING);
    }
}

/** {@code test.note}: keeps the given text as the caller's attribute "note", which the manager shows. */
@Route("test.note")
@ApplicationScoped
class ManagerPageNote implements RouteHandler<JsonValue, Boolean> {

    @Override
    public Boolean handle(JsonValue note, Peer caller) {
        caller.attributes().put("note", note instanceof JsonString text ? text.getString() : String.valueOf(note));
        return true;
    }
}
