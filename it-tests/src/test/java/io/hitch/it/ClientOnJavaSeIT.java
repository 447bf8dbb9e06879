package io.hitch.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client jar works in a plain Java SE program with exactly the dependencies the README names:
 * a separate JVM compiles and runs {@code it-tests/src/test/java-se/HitchClientExample.java} (the
 * source launcher) with nothing on its class path but the client jar and Yasson with what it brings.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ClientOnJavaSeIT {

    private static final Path EXAMPLE = Path.of("it-tests/src/test/java-se/HitchClientExample.java");

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.hitchWith("java-se", "");
    }

    @ArquillianResource
    URL base;

    @Test
    void aJavaSeProgramWithTheClientJarAndYassonCallsTheServer() throws Exception {
        List<String> classPath = classPath();
        Path output = Files.createTempFile("hitch-client-example", ".out");
        try {
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", String.join(File.pathSeparator, classPath), EXAMPLE.toString(),
                    HitchTestClient.wsUri(base).toString())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the program ends");
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), String.join("\n", lines));
            assertEquals("Hello, Java SE!", lines.get(0), lines.toString());
            assertEquals("bad_data", lines.get(1), lines.toString());
            assertTrue(lines.get(2).matches("peer [A-Za-z0-9_-]{22}"), lines.toString());
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** The client jar and the README's dependencies, and nothing else (no Jakarta EE API, no test classes). */
    private static List<String> classPath() throws IOException {
        String jar = System.getProperty("hitch.client.jar", "target/hitch-client.jar");
        String deps = Files.readString(Path.of(System.getProperty("hitch.client.classpath",
                "target/client-runtime.classpath"))).trim();
        List<String> entries = new java.util.ArrayList<>(List.of(jar));
        entries.addAll(Arrays.asList(deps.split(File.pathSeparator)));
        List<String> names = entries.stream().map(e -> Path.of(e).getFileName().toString()).sorted().toList();
        assertEquals(5, names.size(), names.toString());
        assertTrue(names.stream().allMatch(n -> n.matches("(hitch-client|yasson-3\\..*|parsson-1\\..*"
                + "|jakarta\\.json-api-2\\..*|jakarta\\.json\\.bind-api-3\\..*)\\.jar")), names.toString());
        return entries;
    }
}
