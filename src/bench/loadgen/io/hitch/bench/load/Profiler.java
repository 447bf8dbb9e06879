package io.hitch.bench.load;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Records the server with JFR (through jcmd) during one row and sums its execution samples: the
 * hottest methods, the components the CPU time goes to, and, on the Hitch path, which Hitch method
 * the time is spent under.
 */
final class Profiler {

    private final Path jcmd;
    private final long pid;
    private final Path settings;

    Profiler(Path javaHome, long pid, Path settings) {
        this.jcmd = javaHome.resolve("bin/jcmd");
        this.pid = pid;
        this.settings = settings;
    }

    void start(Path file) throws IOException, InterruptedException {
        run("JFR.start", "name=hitchbench", "settings=" + settings, "filename=" + file);
    }

    void stop() throws IOException, InterruptedException {
        run("JFR.stop", "name=hitchbench");
    }

    private void run(String... command) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
        args.addAll(List.of(command));
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || output.contains("Could not")
                || output.contains("Exception")) {
            throw new IOException("jcmd " + String.join(" ", command) + " failed: " + output.trim());
        }
    }

    /** Components, by the class of a frame. */
    static String component(String className) {
        String[][] map = {
            {"io.hitch.bench.", "bench routes"},
            {"io.hitch.", "Hitch"},
            {"org.eclipse.parsson.", "JSON-P (Parsson)"},
            {"org.glassfish.json.", "JSON-P (Parsson)"},
            {"org.eclipse.yasson.", "JSON-B (Yasson)"},
            {"jakarta.json.", "JSON-P/B API"},
            {"org.hibernate.validator.", "Validation (Hibernate Validator)"},
            {"org.apache.bval.", "Validation (BVal)"},
            {"org.jboss.weld.", "CDI (Weld)"},
            {"com.ibm.ws.wsoc.", "Liberty WebSocket"},
            {"io.openliberty.wsoc.", "Liberty WebSocket"},
            {"com.ibm.ws.http.", "Liberty HTTP channel"},
            {"com.ibm.ws.tcpchannel.", "Liberty TCP channel"},
            {"com.ibm.ws.channelfw.", "Liberty channel framework"},
            {"com.ibm.io.async.", "Liberty async I/O"},
            {"com.ibm.ws.bytebuffer.", "Liberty buffers"},
            {"com.ibm.wsspi.bytebuffer.", "Liberty buffers"},
            {"com.ibm.ws.threading.", "Liberty threads"},
            {"com.ibm.ws.webcontainer", "Liberty web container"},
            {"com.ibm.", "Liberty (other)"},
            {"io.openliberty.", "Liberty (other)"},
            {"java.util.concurrent.", "JDK concurrency"},
            {"java.util.logging.", "JDK logging"},
            {"java.util.regex.", "JDK regex"},
            {"java.util.", "JDK collections"},
            {"java.math.", "JDK BigDecimal"},
            {"java.lang.invoke.", "JDK method handles"},
            {"java.lang.reflect.", "JDK reflection"},
            {"jdk.internal.reflect.", "JDK reflection"},
            {"java.lang.", "JDK lang (String, ...)"},
            {"sun.nio.", "JDK NIO"},
            {"java.nio.", "JDK NIO"},
            {"jdk.internal.misc.", "JDK internal"},
            {"sun.", "JDK internal"},
            {"jdk.", "JDK internal"},
        };
        for (String[] m : map) {
            if (className.startsWith(m[0])) {
                return m[1];
            }
        }
        return "other";
    }

    private static String method(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    /**
     * Writes the summary with {@code fileTop} lines per section next to the recording (.txt).
     *
     * @return the summary with {@code top} lines per section
     */
    static String summarize(Path file, int top, int fileTop) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> components = new HashMap<>();
        Map<String, Integer> hitchInclusive = new HashMap<>();
        Map<String, Integer> underHitch = new HashMap<>();
        Map<String, Integer> underHitchComponent = new HashMap<>();
        int samples = 0;
        int withHitch = 0;
        int truncated = 0;
        Map<String, Long> allocTop = new HashMap<>();
        Map<String, Long> allocHitch = new HashMap<>();
        long allocTotal = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (e.getEventType().getName().equals("jdk.ObjectAllocationSample")) {
                long weight = e.getLong("weight");
                RecordedStackTrace st = e.getStackTrace();
                if (st == null || st.getFrames().isEmpty()) {
                    continue;
                }
                allocTotal += weight;
                String cls = e.getClass("objectClass") == null ? "?" : e.getClass("objectClass").getName();
                allocTop.merge(cls + " in " + method(st.getFrames().get(0)), weight, Long::sum);
                for (RecordedFrame f : st.getFrames()) {
                    if (f.getMethod().getType().getName().startsWith("io.hitch.")) {
                        allocHitch.merge(method(f), weight, Long::sum);
                        break;
                    }
                }
                continue;
            }
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedStackTrace st = e.getStackTrace();
            if (st == null || st.getFrames().isEmpty()) {
                continue;
            }
            samples++;
            if (st.isTruncated()) {
                truncated++;
            }
            List<RecordedFrame> frames = st.getFrames();
            String topMethod = method(frames.get(0));
            String topComponent = component(frames.get(0).getMethod().getType().getName());
            self.merge(topMethod, 1, Integer::sum);
            components.merge(topComponent, 1, Integer::sum);
            String innermostHitch = null;
            Set<String> seen = new HashSet<>();
            for (RecordedFrame f : frames) {
                String type = f.getMethod().getType().getName();
                if (type.startsWith("io.hitch.")) {
                    String m = method(f);
                    if (innermostHitch == null) {
                        innermostHitch = m;
                    }
                    if (seen.add(m)) {
                        hitchInclusive.merge(m, 1, Integer::sum);
                    }
                }
            }
            if (innermostHitch != null) {
                withHitch++;
                underHitch.merge(innermostHitch, 1, Integer::sum);
                underHitchComponent.merge(topComponent, 1, Integer::sum);
            }
        }
        Files.writeString(Path.of(file.toString().replaceAll("\\.jfr$", "") + ".txt"), render(fileTop, samples,
                truncated, withHitch, components, self, hitchInclusive, underHitch, underHitchComponent, allocTop,
                allocHitch, allocTotal));
        return render(top, samples, truncated, withHitch, components, self, hitchInclusive, underHitch,
                underHitchComponent, allocTop, allocHitch, allocTotal);
    }

    private static String render(int top, int samples, int truncated, int withHitch, Map<String, Integer> components,
                                 Map<String, Integer> self, Map<String, Integer> hitchInclusive,
                                 Map<String, Integer> underHitch, Map<String, Integer> underHitchComponent,
                                 Map<String, Long> allocTop, Map<String, Long> allocHitch, long allocTotal) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%d execution samples (%d truncated stacks), %d (%.1f%%) with a Hitch frame%n",
                samples, truncated, withHitch, pct(withHitch, samples)));
        section(out, "CPU by component (top frame), all samples", components, samples, top);
        section(out, "Hottest methods (self), all samples", self, samples, top);
        section(out, "Hitch methods, inclusive (share of all samples)", hitchInclusive, samples, top);
        section(out, "Innermost Hitch method on the stack (time in it or in the libraries it calls)", underHitch,
                samples, top);
        section(out, "Component of the top frame, samples under a Hitch frame", underHitchComponent, samples, top);
        out.append(String.format("%nAllocation (sampled bytes, %d MB in all):%n", allocTotal >> 20));
        sectionLong(out, "Allocated type and allocating method", allocTop, allocTotal, top / 2);
        sectionLong(out, "Innermost Hitch method above the allocation", allocHitch, allocTotal, top / 2);
        return out.toString();
    }

    private static void section(StringBuilder out, String title, Map<String, Integer> counts, int total, int top) {
        out.append('\n').append(title).append(":\n");
        LinkedHashMap<String, Integer> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(en -> sorted.put(en.getKey(), en.getValue()));
        sorted.forEach((k, v) -> out.append(String.format("  %5.1f%%  %6d  %s%n", pct(v, total), v, k)));
    }

    private static void sectionLong(StringBuilder out, String title, Map<String, Long> counts, long total, int top) {
        out.append(title).append(":\n");
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(en -> out.append(String.format("  %5.1f%%  %s%n", total == 0 ? 0 : 100.0 * en.getValue() / total,
                        en.getKey())));
    }

    private static double pct(int part, int total) {
        return total == 0 ? 0 : 100.0 * part / total;
    }
}
