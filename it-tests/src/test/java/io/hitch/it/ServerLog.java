package io.hitch.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the integration-test server's log, for failures that only the log reports. */
final class ServerLog {

    private ServerLog() {
    }

    static String read() throws IOException {
        Path log = Path.of(System.getProperty("hitch.it.server.dir", "target/liberty/wlp/usr/servers/hitchIT"),
                "logs", "messages.log");
        return Files.readString(log, StandardCharsets.UTF_8);
    }
}
