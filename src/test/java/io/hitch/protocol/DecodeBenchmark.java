package io.hitch.protocol;

import jakarta.json.JsonValue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.ToIntFunction;

/**
 * Prints how long decoding the benchmark's echo request takes, in nanoseconds per frame, with the
 * scanner ({@link FrameDecoder}) and with Parsson ({@link ParssonFrameDecoder}, as before). Run by
 * hand, not by the build (its numbers depend on the machine and are not asserted):
 * <pre>
 * mvn -q test-compile exec:java -Dexec.mainClass=io.hitch.protocol.DecodeBenchmark -Dexec.classpathScope=test
 * </pre>
 */
public final class DecodeBenchmark {

    static final String ECHO = "{\"id\":123,\"route\":\"echo\",\"data\":{\"name\":\"widget-42\",\"seq\":1234567,"
            + "\"price\":19.99,\"tags\":[\"red\",\"blue\"],\"active\":true,\"note\":\"quick fox\"}}";
    private static final int FRAMES = 200_000;
    private static final int ROUNDS = 15;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private DecodeBenchmark() {
    }

    public static void main(String[] args) {
        FrameDecoder scanner = new FrameDecoder(64);
        ParssonFrameDecoder parsson = new ParssonFrameDecoder(64);
        ToIntFunction<String> old = text -> touch(parsson.decode(text), false);
        ToIntFunction<String> decodeOnly = text -> touch(scanner.decode(text), false);
        ToIntFunction<String> withTree = text -> touch(scanner.decode(text), true);
        System.out.println("CPU ns per decode of " + ECHO);
        System.out.println("round   parsson   scanner   scanner+tree");
        double[] best = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        for (int round = 1; round <= ROUNDS; round++) {
            double[] ns = {time(old), time(decodeOnly), time(withTree)};
            System.out.printf("%5d %9.0f %9.0f %14.0f%n", round, ns[0], ns[1], ns[2]);
            for (int i = 0; i < ns.length; i++) {
                best[i] = Math.min(best[i], ns[i]);
            }
        }
        // The best round is the least disturbed by other work on the machine.
        System.out.printf(" best %9.0f %9.0f %14.0f%n", best[0], best[1], best[2]);
    }

    // Reads what the dispatcher reads, so that nothing is optimized away; with tree, also what a
    // route that looks into its JsonValue input makes the lazy data build.
    private static int touch(Frame frame, boolean tree) {
        Frame.Request request = (Frame.Request) frame;
        JsonValue data = request.data();
        int seen = request.route().length() + request.id().hashCode() + data.getValueType().ordinal();
        return tree ? seen + data.asJsonObject().size() : seen;
    }

    private static double time(ToIntFunction<String> decode) {
        int sink = 0;
        // CPU time of this thread, not wall time: other builds share the machine's cores.
        long start = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < FRAMES; i++) {
            sink += decode.applyAsInt(ECHO);
        }
        long nanos = THREADS.getCurrentThreadCpuTime() - start;
        if (sink == 42) {
            System.out.println();
        }
        return (double) nanos / FRAMES;
    }
}
