package io.hitch.it;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts Debian's headless Chromium through Debian's chromedriver (no browser download). `.ci/run`
 * installs both; set {@code -Dchromium.binary} and {@code -Dchromedriver.binary} to use others.
 */
final class Chromium {

    // Browsers still open when the test JVM ends (a run stopped midway) would go on reconnecting
    // their pages to whatever server later listens on the same port, and show up as its peers.
    private static final Set<WebDriver> STARTED = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> STARTED.forEach(Chromium::quietlyQuit), "chromium-quit"));
    }

    private Chromium() {
    }

    private static void quietlyQuit(WebDriver browser) {
        try {
            browser.quit();
        } catch (RuntimeException alreadyGone) {
            // quit by its test already
        }
    }

    static WebDriver start() {
        return start(new String[0]);
    }

    /** @param extraArguments more Chromium flags, for this browser only */
    static WebDriver start(String... extraArguments) {
        File binary = new File(System.getProperty("chromium.binary", "/usr/bin/chromium"));
        File driver = new File(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));
        if (!binary.canExecute() || !driver.canExecute()) {
            throw new IllegalStateException("Browser tests need " + binary + " and " + driver
                    + ": install them with `apt-get install -y chromium chromium-driver` (.ci/run does)");
        }
        File profile;
        try {
            profile = Files.createTempDirectory("hitch-chromium").toFile();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary);
        // Flags that keep Chromium from reaching for the network it does not have here, and from
        // refusing to run as root in CI.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile.getAbsolutePath());
        options.addArguments(extraArguments);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver)
                .usingAnyFreePort().build();
        ChromeDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        STARTED.add(browser);
        return browser;
    }
}
