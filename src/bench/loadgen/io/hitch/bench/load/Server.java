package io.hitch.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The benchmark's Liberty server: launched in the foreground as a child, so its JVM is our child. */
final class Server {

    private final Path wlp;
    private final String name;
    private final Path console;
    private final Path pidFile;
    private Process process;
    long launchNanos;

    Server(Path wlp, String name, Path console) {
        this.wlp = wlp;
        this.name = name;
        this.console = console;
        this.pidFile = console.resolveSibling("server.pid");
    }

    /** Starts `server run NAME --clean` (the script execs the JVM, so the child is the server JVM). */
    void launch() throws IOException {
        // Each run's logs (messages.log, FFDC incidents) start empty.
        Path logs = dir().resolve("logs");
        if (Files.isDirectory(logs)) {
            try (var files = Files.walk(logs)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
        ProcessBuilder pb = new ProcessBuilder(wlp.resolve("bin/server").toString(), "run", name, "--clean");
        pb.redirectErrorStream(true);
        pb.redirectOutput(console.toFile());
        launchNanos = System.nanoTime();
        process = pb.start();
        // run-bench.sh stops the server by this id if the load generator dies before it could.
        Files.writeString(pidFile, Long.toString(process.pid()));
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    Path dir() {
        return wlp.resolve("usr/servers").resolve(name);
    }

    /** @return Liberty's own "server started in N seconds", if it logged it */
    String libertyStartup() {
        try {
            Pattern started = Pattern.compile("CWWKF0011I:.* started in ([0-9.]+) seconds");
            for (String line : Files.readAllLines(dir().resolve("logs/messages.log"))) {
                Matcher m = started.matcher(line);
                if (m.find()) {
                    return m.group(1) + " s";
                }
            }
        } catch (IOException | RuntimeException e) {
            // not there
        }
        return "n/a";
    }

    /** @return the lines of messages.log that are warnings or errors */
    List<String> problems() {
        try {
            return Files.readAllLines(dir().resolve("logs/messages.log")).stream()
                    .filter(l -> l.contains(" W ") || l.contains(" E ")).toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** @return one line per FFDC incident the server wrote: its exception and root cause */
    List<String> incidents() {
        Path ffdc = dir().resolve("logs/ffdc");
        try (var files = Files.list(ffdc)) {
            return files.filter(f -> f.getFileName().toString().startsWith("ffdc_")).sorted().map(f -> {
                try {
                    List<String> lines = Files.readAllLines(f);
                    String exception = lines.stream().filter(l -> l.startsWith("Exception = ")).findFirst()
                            .orElse("?").substring(Math.min(12, lines.isEmpty() ? 0 : 12));
                    String source = lines.stream().filter(l -> l.startsWith("Source = ")).findFirst().orElse("");
                    String cause = lines.stream().filter(l -> l.startsWith("Caused by: ")).reduce((a, b) -> b)
                            .orElse("");
                    String at = "";
                    int i = lines.indexOf(cause);
                    if (i >= 0 && i + 1 < lines.size()) {
                        at = " " + lines.get(i + 1).trim();
                    }
                    return f.getFileName() + ": " + exception + " (" + source + ") " + cause + at;
                } catch (IOException e) {
                    return f.getFileName().toString();
                }
            }).toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** Stops the server with `server stop`, then ends the JVM if it is still there. Safe to call twice. */
    synchronized void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        try {
            Process stop = new ProcessBuilder(wlp.resolve("bin/server").toString(), "stop", name)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!stop.waitFor(90, TimeUnit.SECONDS)) {
                stop.destroyForcibly();
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(15, TimeUnit.SECONDS);
                }
            }
            if (!process.isAlive()) {
                Files.deleteIfExists(pidFile);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
