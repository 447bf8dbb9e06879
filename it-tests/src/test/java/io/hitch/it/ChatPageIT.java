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
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The chat demo page (chat.html) in two real Chromium browsers, served by Liberty from the product
 * WAR: rooms and member lists (pushes), messages, direct messages (hitch.relay) and pokes (a
 * server-to-client request).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ChatPageIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final AtomicInteger ROOMS = new AtomicInteger();
    private static WebDriver ada;
    private static WebDriver bob;

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.productWar();
    }

    @ArquillianResource
    URL base;

    @BeforeAll
    static void startBrowsers() {
        ada = Chromium.start();
        bob = Chromium.start();
    }

    @AfterAll
    static void stopBrowsers() {
        try {
            if (ada != null) {
                ada.quit();
            }
        } finally {
            if (bob != null) {
                bob.quit();
            }
        }
    }

    @Test
    void twoMembersChatSendADirectMessageAndPoke() {
        String room = newRoom();
        open(ada);
        open(bob);
        join(ada, "Ada", room);
        join(bob, "Bob", room);
        waitForMembers(ada, "Ada", "Bob");
        waitForMembers(bob, "Ada", "Bob");
        String adaPeer = peerId(ada);
        String bobPeer = peerId(bob);

        // Nobody offers to DM or poke themselves
        assertEquals(0, ada.findElements(By.cssSelector(memberSelector(adaPeer) + " button")).size());
        assertEquals(1, ada.findElements(By.cssSelector(memberSelector(bobPeer) + " button.dm")).size());
        assertEquals(1, ada.findElements(By.cssSelector(memberSelector(bobPeer) + " button.poke")).size());

        // A message reaches every member, the sender included, as text (never as markup)
        String text = "hello <b>Bob</b> & all";
        type(ada, "chat-text", text);
        ada.findElement(By.id("chat-send")).click();
        waitForLogEntry(ada, "message", "Ada", text);
        waitForLogEntry(bob, "message", "Ada", text);
        assertEquals(0, ada.findElements(By.cssSelector("#chat-log b")).size());
        assertEquals(0, bob.findElements(By.cssSelector("#chat-log b")).size());

        // A direct message through the relay: Bob's page shows it with Ada's name and answers
        // {received: true}, upon which Ada's page shows it as sent
        String secret = "psst, only for you";
        type(ada, "chat-dm-text", secret);
        ada.findElement(By.cssSelector(memberSelector(bobPeer) + " button.dm")).click();
        waitForLogEntry(bob, "dm", "Ada", secret);
        waitForLogEntry(ada, "dm", "Bob", secret);

        // A poke: the server asks Bob's page, whose answer comes back to Ada's
        ada.findElement(By.cssSelector(memberSelector(bobPeer) + " button.poke")).click();
        waitForLogEntry(bob, "poke", "Ada poked you");
        waitForLogEntry(ada, "poke", "Bob", "ouch");

        // No errors anywhere on the way
        assertEquals(List.of(), logEntries(ada, "error"));
        assertEquals(List.of(), logEntries(bob, "error"));
    }

    @Test
    void leavingAndClosingThePageUpdateTheOthersMemberList() {
        String room = newRoom();
        open(ada);
        open(bob);
        join(ada, "Ada", room);
        join(bob, "Bob", room);
        waitForMembers(ada, "Ada", "Bob");

        bob.findElement(By.id("chat-leave")).click();
        waitForMembers(ada, "Ada");
        waitForMembers(bob);

        join(bob, "Bob", room);
        waitForMembers(ada, "Ada", "Bob");
        bob.get("about:blank"); // navigating away: the page closes its connection (also when kept in the bfcache)
        waitForMembers(ada, "Ada");

        open(bob);
        join(bob, "Bob", room);
        waitForMembers(ada, "Ada", "Bob");
        closeTab(bob); // the connection closes with the tab
        waitForMembers(ada, "Ada");
    }

    @Test
    void saysWhatIsWrongWithABlankName() {
        open(ada);
        type(ada, "chat-name", "   ");
        type(ada, "chat-room", newRoom());
        ada.findElement(By.id("chat-join")).click();
        waitForLogEntry(ada, "error", "bad_data");
        waitForMembers(ada);
    }

    // ---- helpers ----

    private static String newRoom() {
        return "it chat " + ROOMS.incrementAndGet() + " " + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    }

    private void open(WebDriver browser) {
        browser.get(base + "chat.html");
        waitUntil(browser, "the page to connect", d -> d.findElement(By.id("chat-status")).getText().contains("peer"));
    }

    private static void join(WebDriver browser, String name, String room) {
        type(browser, "chat-name", name);
        type(browser, "chat-room", room);
        browser.findElement(By.id("chat-join")).click();
        waitUntil(browser, name + " to join " + room,
                d -> room.equals(d.findElement(By.id("chat-status")).getDomAttribute("data-joined"))
                        && d.findElement(By.id("chat-send")).isEnabled());
    }

    /** Closes the current tab, after opening an empty one that the browser continues with. */
    private static void closeTab(WebDriver browser) {
        String tab = browser.getWindowHandle();
        String next = browser.switchTo().newWindow(WindowType.TAB).getWindowHandle();
        browser.switchTo().window(tab).close();
        browser.switchTo().window(next);
    }

    private static void type(WebDriver browser, String id, String text) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    private static String peerId(WebDriver browser) {
        Object peer = ((JavascriptExecutor) browser).executeScript("return window.hitchClient.peerId;");
        assertNotNull(peer, "the page has a peer id");
        return peer.toString();
    }

    private static String memberSelector(String peer) {
        return "#chat-members li[data-peer=\"" + peer.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
    }

    /** Waits until the member list shows exactly these names, in this order (the server sorts by name). */
    private static void waitForMembers(WebDriver browser, String... names) {
        List<String> expected = List.of(names);
        waitUntil(browser, "the members " + expected, d -> expected.equals(
                d.findElements(By.cssSelector("#chat-members li .name")).stream()
                        .map(e -> e.getDomProperty("textContent")).toList()));
    }

    /** Waits until the log has an entry of this class whose text contains all the given texts. */
    private static void waitForLogEntry(WebDriver browser, String cssClass, String... texts) {
        waitUntil(browser, "a log entry ." + cssClass + " with " + Arrays.toString(texts),
                d -> logEntries(d, cssClass).stream().anyMatch(t -> Arrays.stream(texts).allMatch(t::contains)));
    }

    private static List<String> logEntries(WebDriver browser, String cssClass) {
        return browser.findElements(By.cssSelector("#chat-log li." + cssClass)).stream()
                .map(WebElement::getText).toList();
    }

    private static void waitUntil(WebDriver browser, String what, Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser, WAIT)
                .ignoring(StaleElementReferenceException.class)
                .withMessage(() -> what + "; the page shows status '" + text(browser, "chat-status")
                        + "', members '" + text(browser, "chat-members") + "' and log:\n" + text(browser, "chat-log"))
                .until(condition);
    }

    private static String text(WebDriver browser, String id) {
        try {
            return browser.findElement(By.id(id)).getText();
        } catch (RuntimeException e) {
            return "(" + e.getClass().getSimpleName() + ")";
        }
    }
}
