package io.hitch.it;

import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A second Liberty server from the same installation as the Arquillian one: a copy of its server
 * configuration on its own name and ports (it.server2.name, it.http2.port, it.https2.port), with one
 * application. Started and stopped with {@code wlp/bin/server}; {@link #kill()} is a {@code kill -9}.
 */
final class SecondNode implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(240);
    private final Path wlp = Path.of(System.getProperty("hitch.wlp", "target/liberty/wlp"));
    private final String name = System.getProperty("hitch.it.server2.name", "hitchIT2");
    private final int httpPort = Integer.getInteger("hitch.it.http2.port", 9191);
    private final Path dir = wlp.resolve("usr/servers").resolve(name);
    private final String contextRoot;

    /** Creates the server with {@code war} deployed at its archive name and starts it. */
    SecondNode(WebArchive war) {
        this.contextRoot = war.getName().replace(".war", "");
        try {
            Path first = Path.of(System.getProperty("hitch.it.server.dir"));
            deleteServer();
            Files.createDirectories(dir);
            String xml = Files.readString(first.resolve("server.xml"))
                    .replace("httpPort=\"" + System.getProperty("hitch.it.http.port") + "\"", "httpPort=\"" + httpPort + "\"")
                    .replace("httpsPort=\"" + System.getProperty("hitch.it.https.port") + "\"",
                            "httpsPort=\"" + Integer.getInteger("hitch.it.https2.port", 9554) + "\"");
            File file = dir.resolve(war.getName()).toFile();
            war.as(ZipExporter.class).exportTo(file, true);
            Files.writeString(dir.resolve("server.xml"), withOnly(xml, war.getName(), file.getAbsolutePath()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run("start");
        try {
            HitchTestClient.eventuallyWithin("the second node is ready", START, () -> ready(), ready -> ready);
        } catch (AssertionError | RuntimeException e) {
            run("stop"); // the test never gets the node to close
            throw e;
        }
    }

    // Arquillian (deployType xml) writes each deployment into the first server's server.xml as an
    // <application> with its role bindings. The copy keeps that element for this war, pointed at this
    // node's file, and drops any other: a second element for the same application made Liberty
    // refuse to start it ("not possible to start two applications called ...") now and then.
    static String withOnly(String serverXml, String warName, String location) {
        Matcher element = APPLICATION.matcher(serverXml);
        StringBuilder out = new StringBuilder();
        boolean kept = false;
        while (element.find()) {
            String text = element.group();
            boolean ours = !kept && text.contains("location=\"" + warName + "\"");
            kept |= ours;
            element.appendReplacement(out, Matcher.quoteReplacement(ours
                    ? text.replace("location=\"" + warName + "\"", "location=\"" + location + "\"") : ""));
        }
        element.appendTail(out);
        String xml = out.toString();
        if (!kept) {
            String name = warName.replace(".war", "");
            xml = xml.replace("</server>", "    <webApplication location=\"" + location + "\" contextRoot=\"" + name
                    + "\"/>\n</server>");
        }
        return xml;
    }

    private static final Pattern APPLICATION =
            Pattern.compile("<application\\s[^>]*?(/>|>.*?</application>)", Pattern.DOTALL);

    /** @return the base URL of the application on this node */
    java.net.URL base() {
        try {
            return URI.create("http://127.0.0.1:" + httpPort + "/" + contextRoot + "/").toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return whether {@code /health/ready} answers 200 */
    boolean ready() {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                    + "/health/ready")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Kills the server's JVM at once, as {@code kill -9} does. */
    void kill() {
        try {
            long pid = Long.parseLong(Files.readString(wlp.resolve("usr/servers/.pid").resolve(name + ".pid")).trim());
            ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
            process.destroyForcibly();
            process.onExit().get();
        } catch (Exception e) {
            throw new IllegalStateException("could not kill " + name, e);
        }
    }

    @Override
    public void close() {
        run("stop");
    }

    private void run(String action) {
        try {
            Process process = new ProcessBuilder(List.of(wlp.resolve("bin/server").toString(), action, name))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("server-" + action + ".out").toFile()).start();
            process.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deleteServer() throws IOException {
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
