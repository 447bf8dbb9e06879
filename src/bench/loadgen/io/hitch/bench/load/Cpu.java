package io.hitch.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time from /proc: the server's JVM, the load generator's, and the whole machine's (so the
 * share of other programs on a busy machine shows). Shares are percent of one core.
 */
final class Cpu {

    /** Clock ticks per second of /proc's counters (USER_HZ): 100 on every Linux we run on. */
    static long hz = 100;

    record Snapshot(long nanos, long server, long loadgen, long busy) {
    }

    /** CPU shares between two snapshots, in percent of one core. */
    record Share(double server, double loadgen, double other) {
        @Override
        public String toString() {
            return String.format("%.0f%% / %.0f%% / %.0f%%", server, loadgen, other);
        }
    }

    private final long serverPid;
    private final long selfPid = ProcessHandle.current().pid();

    Cpu(long serverPid) {
        this.serverPid = serverPid;
    }

    Snapshot snapshot() {
        return new Snapshot(System.nanoTime(), ticks(serverPid), ticks(selfPid), machineBusy());
    }

    static Share between(Snapshot a, Snapshot b) {
        double seconds = (b.nanos() - a.nanos()) / 1e9;
        double server = pct(b.server() - a.server(), seconds);
        double loadgen = pct(b.loadgen() - a.loadgen(), seconds);
        double busy = pct(b.busy() - a.busy(), seconds);
        return new Share(server, loadgen, Math.max(0, busy - server - loadgen));
    }

    private static double pct(long ticks, double seconds) {
        return seconds <= 0 ? 0 : 100.0 * ticks / hz / seconds;
    }

    /** utime + stime of a process, in ticks (fields 14 and 15 of /proc/PID/stat). */
    static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Busy ticks of all CPUs: everything in /proc/stat's first line but idle and iowait. */
    static long machineBusy() {
        try {
            String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = line.trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length && i <= 7; i++) { // user nice system (idle iowait) irq softirq; not steal
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
