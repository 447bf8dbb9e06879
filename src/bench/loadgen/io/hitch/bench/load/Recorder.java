package io.hitch.bench.load;

import java.util.Arrays;

/** Latencies and errors seen by one loop; only that loop's thread writes it. */
final class Recorder {

    private long[] values = new long[1 << 16];
    private int count;
    long errors;
    String firstError;

    void add(long nanos) {
        if (count == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[count++] = nanos;
    }

    void error(String what) {
        errors++;
        if (firstError == null) {
            firstError = what;
        }
    }

    /** The merged view of several recorders, read after their loops handed them over. */
    record Summary(long count, double p50Ms, double p99Ms, double maxMs, long errors, String firstError) {

        static Summary of(Recorder... recorders) {
            int total = 0;
            long errors = 0;
            String first = null;
            for (Recorder r : recorders) {
                total += r.count;
                errors += r.errors;
                if (first == null) {
                    first = r.firstError;
                }
            }
            long[] all = new long[total];
            int at = 0;
            for (Recorder r : recorders) {
                System.arraycopy(r.values, 0, all, at, r.count);
                at += r.count;
            }
            Arrays.sort(all);
            return new Summary(total, ms(percentile(all, 0.50)), ms(percentile(all, 0.99)),
                    ms(all.length == 0 ? 0 : all[all.length - 1]), errors, first);
        }

        private static long percentile(long[] sorted, double q) {
            if (sorted.length == 0) {
                return 0;
            }
            int i = (int) Math.ceil(q * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
        }

        private static double ms(long nanos) {
            return nanos / 1e6;
        }
    }
}
