package io.hitch.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark: starts the bench server, measures start-up, RPC (Hitch against the raw endpoint),
 * fan-out and idle connections over loopback, prints the tables and stops the server, whatever
 * happens. Settings come from the environment that src/bench/run-bench.sh passes on (BENCH_*).
 */
public final class Bench {

    private static final int[] CONNS = {1, 50, 500};
    private static final int[] IN_FLIGHT = {1, 16};
    private static final int FAN_WINDOW = 4;

    // Settings
    private final Path wlp = Path.of(env("BENCH_WLP", "target/bench/liberty/wlp"));
    private final String serverName = env("BENCH_SERVER", "hitchBench");
    private final Path out = Path.of(env("BENCH_OUT", "target/bench"));
    private final int port = Integer.parseInt(env("BENCH_PORT", "9468"));
    private final double seconds = Double.parseDouble(env("BENCH_SECONDS", "5"));
    private final double warmup = Double.parseDouble(env("BENCH_WARMUP", "2"));
    private final int idle = Integer.parseInt(env("BENCH_IDLE", "10000"));
    private final String idleNote = env("BENCH_IDLE_NOTE", "");
    private final boolean profile = Boolean.parseBoolean(env("BENCH_PROFILE", "true"));
    private final Set<String> only = Set.of(env("BENCH_ONLY", "all").split(","));
    private final int loopCount = Integer.parseInt(env("BENCH_LOOPS", "2"));
    private final Path jfc = Path.of(env("BENCH_JFC", "src/bench/jfr/hitch-bench.jfc")).toAbsolutePath();
    private final Path javaHome = Path.of(env("JAVA_HOME", System.getProperty("java.home")));
    private final long maxMinutes = Long.parseLong(env("BENCH_MAX_MINUTES", "15"));

    private Server server;
    private Clients clients;
    private Cpu cpu;
    private Clients.Control control;

    // Results
    private String machine;
    private double startupMs;
    private String libertyStartup;
    private final List<RpcResult> rpc = new ArrayList<>();
    private final List<FanResult> fan = new ArrayList<>();
    private final List<IdleResult> idles = new ArrayList<>();
    private final List<String> profiles = new ArrayList<>();

    record RpcResult(Rpc.Target target, int conns, int inFlight, double rate, Recorder.Summary latency,
                     Cpu.Share cpu, int lost, long unanswered, String problem) {
    }

    record FanResult(int members, double pushes, double deliveries, Recorder.Summary latency, Cpu.Share cpu,
                     int lost) {
    }

    record IdleResult(Clients.Protocol protocol, int connections, int failures, double rate, double[] connectMs,
                      long heapBefore, long heapAfter, long open, Cpu.Share cpu, int lost) {
        double perConnectionKb() {
            return connections == 0 ? 0 : (heapAfter - heapBefore) / 1024.0 / connections;
        }
    }

    public static void main(String[] args) {
        Bench bench = new Bench();
        int code;
        try {
            code = bench.run();
        } catch (Throwable e) {
            System.err.println("loadgen: the benchmark failed: " + e);
            e.printStackTrace();
            code = 1;
        } finally {
            bench.cleanUp();
        }
        System.exit(code);
    }

    private static String env(String key, String fallback) {
        String v = System.getenv(key);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    private boolean runs(String part) {
        return only.contains("all") || only.contains(part);
    }

    private int run() throws Exception {
        Files.createDirectories(out);
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(TimeUnit.MINUTES.toMillis(maxMinutes));
                System.err.println("loadgen: still running after " + maxMinutes + " minutes: giving up");
                if (server != null) {
                    server.stop();
                }
                Runtime.getRuntime().halt(3);
            } catch (InterruptedException e) {
                // done in time
            }
        }, "loadgen-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        Cpu.hz = clockTicks();
        machine = machine();
        System.out.println(machine);
        clients = new Clients(loopCount, "127.0.0.1", port);

        server = new Server(wlp, serverName, out.resolve("server-console.log"));
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "loadgen-stop-server"));
        startUp();
        cpu = new Cpu(server.pid());

        boolean profiling = profile && (runs("rpc") || only.contains("profile"));
        if (runs("rpc") || profiling || runs("fanout")) {
            warmUp();
        }
        if (runs("rpc")) {
            rpcRows();
        }
        if (profiling) {
            profileRows();
        }
        if (runs("fanout")) {
            fan.add(fanOut(100, null));
            fan.add(fanOut(1000, null));
        }
        if (profiling && (runs("fanout") || only.contains("profile"))) {
            profileFanOut();
        }
        if (profiling && (runs("idle") || only.contains("profile"))) {
            profileConnect(2000);
        }
        if (runs("idle")) {
            idleRow(Clients.Protocol.HITCH);
            idleRow(Clients.Protocol.RAW);
        }
        String tables = tables();
        System.out.println();
        System.out.println(tables);
        for (String p : profiles) {
            System.out.println(p);
        }
        List<String> problems = server.problems();
        if (!problems.isEmpty()) {
            System.out.println("Server warnings and errors (messages.log):");
            problems.stream().limit(20).forEach(l -> System.out.println("  " + l));
        }
        List<String> incidents = server.incidents();
        if (!incidents.isEmpty()) {
            System.out.println("Server FFDC incidents (" + server.dir().resolve("logs/ffdc") + "):");
            incidents.stream().limit(10).forEach(l -> System.out.println("  " + l));
        }
        Files.writeString(out.resolve("bench-results.md"), machine + "\n\n" + tables + "\n"
                + String.join("\n", profiles));
        System.out.println("Written to " + out.resolve("bench-results.md"));
        watchdog.interrupt();
        boolean clean = rpc.stream().allMatch(r -> r.latency().errors() == 0 && r.lost() == 0 && r.unanswered() == 0)
                && fan.stream().allMatch(f -> f.latency().errors() == 0 && f.lost() == 0)
                && idles.stream().allMatch(i -> i.failures() == 0 && i.lost() == 0);
        if (!clean) {
            System.out.println("Some rows had errors (see the errors columns): the numbers of those rows are suspect.");
        }
        return clean ? 0 : 4;
    }

    private void cleanUp() {
        try {
            if (clients != null) {
                clients.shutdown();
            }
        } finally {
            if (server != null) {
                server.stop();
            }
        }
    }

    // ---- start-up ----

    private void startUp() throws Exception {
        System.out.println("Starting " + serverName + " (server run --clean) on 127.0.0.1:" + port + " ...");
        server.launch();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        String lastProblem = "";
        while (true) {
            if (!server.isAlive()) {
                throw new IOException("the server exited during start-up; see " + out.resolve("server-console.log"));
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("no answer from the server within 240 s: " + lastProblem);
            }
            try {
                Clients.Control c = clients.control(5000);
                String answer = c.call("echo", "\"up\"").get(30, TimeUnit.SECONDS);
                long t = System.nanoTime();
                if (!answer.contains("\"data\":\"up\"")) {
                    throw new IOException("unexpected answer to the first echo: " + answer);
                }
                control = c;
                startupMs = (t - server.launchNanos) / 1e6;
                break;
            } catch (IOException | java.util.concurrent.TimeoutException e) {
                lastProblem = e.getMessage();
                Thread.sleep(20);
            }
        }
        Thread.sleep(500);
        libertyStartup = server.libertyStartup();
        System.out.printf(Locale.ROOT, "Start-up: first echo answered %.0f ms after launching the server"
                + " (Liberty: server started in %s); server JVM pid %d%n", startupMs, libertyStartup, server.pid());
    }

    // ---- RPC ----

    private void warmUp() throws Exception {
        System.out.println("Warming up (JIT) ...");
        runRpc(Rpc.Target.ECHO, 50, 16, 0, Math.max(2, 3 * warmup), null);
        runRpc(Rpc.Target.TYPED, 50, 16, 0, Math.max(1, 1.5 * warmup), null);
        runRpc(Rpc.Target.RAW, 50, 16, 0, Math.max(1, 1.5 * warmup), null);
        runRpc(Rpc.Target.RAW_ASYNC, 50, 16, 0, Math.max(1, warmup / 2), null);
    }

    private void rpcRows() throws Exception {
        for (int conns : CONNS) {
            for (int inFlight : IN_FLIGHT) {
                List<Rpc.Target> targets = new ArrayList<>(List.of(Rpc.Target.ECHO));
                if (conns == 50) {
                    targets.add(Rpc.Target.TYPED);
                    targets.add(Rpc.Target.RAW_ASYNC);
                }
                targets.add(Rpc.Target.RAW);
                for (Rpc.Target target : targets) {
                    RpcResult r = runRpc(target, conns, inFlight, warmup, seconds, null);
                    rpc.add(r);
                    System.out.printf(Locale.ROOT, "  %-26s %4d conns x %2d in flight: %9.0f rt/s  p50 %.3f  p99 %.3f"
                                    + "  max %.3f ms  CPU server/loadgen/other %s  errors %d%n", target.label(), conns,
                            inFlight, r.rate(), r.latency().p50Ms(), r.latency().p99Ms(), r.latency().maxMs(),
                            r.cpu(), errors(r));
                    if (r.problem() != null) {
                        System.out.println("    problem: " + r.problem());
                    }
                }
            }
        }
    }

    private Profiler profiler() throws IOException {
        Files.createDirectories(out.resolve("jfr"));
        return new Profiler(javaHome, server.pid(), jfc);
    }

    private Runnable starting(Profiler profiler, Path file) {
        return () -> {
            try {
                profiler.start(file);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private void profileRows() throws Exception {
        Profiler profiler = profiler();
        for (Rpc.Target target : List.of(Rpc.Target.ECHO, Rpc.Target.RAW)) {
            Path file = out.resolve("jfr").resolve((target == Rpc.Target.ECHO ? "hitch-echo" : "raw") + "-50x16.jfr");
            System.out.println("Profiling " + target.label() + ", 50 conns x 16 in flight (JFR, not in the table) ...");
            try {
                RpcResult r = runRpc(target, 50, 16, warmup, Math.max(seconds, 8), starting(profiler, file), profiler);
                profiles.add(String.format(Locale.ROOT, "JFR profile of the server: %s, 50 conns x 16 in flight"
                                + " (%.0f rt/s, %.1f us server CPU per round trip while recording; %s)%n%s",
                        target.label(), r.rate(), cpuMicros(r.cpu(), r.rate()), file, Profiler.summarize(file, 12, 40)));
            } catch (RuntimeException | IOException e) {
                profiles.add("JFR profile of " + target.label() + " failed: " + e);
            }
        }
    }

    private void profileFanOut() throws Exception {
        Profiler profiler = profiler();
        Path file = out.resolve("jfr").resolve("hitch-fanout-1000.jfr");
        System.out.println("Profiling fan-out to 1000 (JFR, not in the table) ...");
        try {
            FanResult r = fanOut(1000, new Object[] {profiler, file});
            profiles.add(String.format(Locale.ROOT, "JFR profile of the server: fan-out to 1000 (%.0f deliveries/s,"
                            + " %.1f us server CPU per delivery while recording; %s)%n%s", r.deliveries(),
                    cpuMicros(r.cpu(), r.deliveries()), file, Profiler.summarize(file, 12, 40)));
        } catch (RuntimeException | IOException e) {
            profiles.add("JFR profile of the fan-out failed: " + e);
        }
    }

    private void profileConnect(int n) throws Exception {
        Profiler profiler = profiler();
        Path file = out.resolve("jfr").resolve("hitch-connect-" + n + ".jfr");
        System.out.println("Profiling " + n + " Hitch connects (JFR, not in the table) ...");
        try {
            Idle handler = new Idle(Clients.Protocol.HITCH);
            profiler.start(file);
            Cpu.Snapshot s0 = cpu.snapshot();
            Clients.Batch batch = clients.connect(Clients.Protocol.HITCH, n, handler, 200, 120_000);
            Cpu.Snapshot s1 = cpu.snapshot();
            profiler.stop();
            double rate = (n - batch.failures()) / batch.seconds();
            clients.close(batch.conns(), 20_000);
            profiles.add(String.format(Locale.ROOT, "JFR profile of the server: %d Hitch connects (%.0f connects/s,"
                            + " %.0f us server CPU per connect while recording; %s)%n%s", n, rate,
                    cpuMicros(Cpu.between(s0, s1), rate), file, Profiler.summarize(file, 12, 40)));
        } catch (RuntimeException | IOException e) {
            profiles.add("JFR profile of the connects failed: " + e);
        }
    }

    /** @return server CPU time per operation in microseconds */
    private static double cpuMicros(Cpu.Share share, double perSecond) {
        return share == null || perSecond <= 0 ? 0 : share.server() / 100.0 / perSecond * 1e6;
    }

    private RpcResult runRpc(Rpc.Target target, int conns, int inFlight, double warmupS, double measureS,
                             Runnable beforeMeasure) throws Exception {
        return runRpc(target, conns, inFlight, warmupS, measureS, beforeMeasure, null);
    }

    private RpcResult runRpc(Rpc.Target target, int conns, int inFlight, double warmupS, double measureS,
                             Runnable beforeMeasure, Profiler profiler) throws Exception {
        Rpc load = new Rpc(target, inFlight, clients.loops.length);
        Clients.Batch batch = clients.connect(target.protocol, conns, load, 64, 60_000);
        if (batch.failures() > 0) {
            clients.close(batch.conns(), 5000);
            throw new IOException(batch.failures() + " of " + conns + " " + target.protocol + " connections failed: "
                    + batch.connector().firstFailure);
        }
        load.sending = true;
        clients.perLoop(batch.conns(), (loop, mine) -> mine.forEach(load::start));
        sleep(warmupS);
        if (beforeMeasure != null) {
            beforeMeasure.run();
        }
        Cpu.Snapshot s0 = cpu == null ? null : cpu.snapshot();
        long t0 = System.nanoTime();
        load.recording = true;
        sleep(measureS);
        load.recording = false;
        long t1 = System.nanoTime();
        Cpu.Snapshot s1 = cpu == null ? null : cpu.snapshot();
        if (profiler != null) {
            profiler.stop();
        }
        load.sending = false;
        long deadline = System.currentTimeMillis() + 10_000;
        long unanswered;
        while ((unanswered = clients.sum(batch.conns(), c -> c.state == WsConn.OPEN ? c.inFlight : 0)) > 0
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        Recorder.Summary summary = Recorder.Summary.of(load.recorders());
        int lost = load.lost.get();
        String problem = summary.firstError();
        if (lost > 0) {
            problem = lost + " connection(s) lost, the last: " + load.lastLoss;
        } else if (unanswered > 0) {
            StringBuilder waiting = new StringBuilder(unanswered + " request(s) unanswered 10 s after the row: ");
            for (IoLoop loop : clients.loops) {
                waiting.append(loop.call(() -> batch.conns().stream().filter(c -> c.loop == loop)
                        .map(Rpc::waiting).filter(w -> !w.isEmpty()).limit(3)
                        .collect(java.util.stream.Collectors.joining("; "))).get(10, TimeUnit.SECONDS)).append(' ');
            }
            problem = waiting.toString().trim();
        }
        clients.close(batch.conns(), 10_000);
        return new RpcResult(target, conns, inFlight, summary.count() / ((t1 - t0) / 1e9), summary,
                s0 == null ? null : Cpu.between(s0, s1), lost, unanswered, problem);
    }

    // ---- fan-out ----

    /** @param profiling null, or the profiler and the file to record the measured window to */
    private FanResult fanOut(int members, Object[] profiling) throws Exception {
        FanOut f = new FanOut("g" + members, members, FAN_WINDOW, clients.loops.length);
        Clients.Batch receivers = clients.connect(Clients.Protocol.HITCH, members, f.receiver, 128, 60_000);
        Clients.Batch senders = clients.connect(Clients.Protocol.HITCH, 1, f.sender, 1, 10_000);
        if (receivers.failures() + senders.failures() > 0) {
            throw new IOException("fan-out connections failed: " + receivers.connector().firstFailure);
        }
        WsConn senderConn = senders.conns().get(0);
        f.senderConn = senderConn;
        clients.perLoop(receivers.conns(), (loop, mine) -> mine.forEach(f.receiver::join));
        long deadline = System.currentTimeMillis() + 30_000;
        while (f.joined.get() < members) {
            if (System.currentTimeMillis() > deadline) {
                throw new IOException("only " + f.joined.get() + " of " + members + " joined the group");
            }
            Thread.sleep(5);
        }
        f.sending = true;
        senderConn.loop.execute(() -> f.sender.start(senderConn));
        sleep(members == 100 ? 2 * warmup : warmup);
        if (profiling != null) {
            starting((Profiler) profiling[0], (Path) profiling[1]).run();
        }
        long c0 = senderConn.loop.call(() -> f.sender.completed).get(10, TimeUnit.SECONDS);
        Cpu.Snapshot s0 = cpu.snapshot();
        long t0 = System.nanoTime();
        f.recording = true;
        sleep(seconds);
        f.recording = false;
        long t1 = System.nanoTime();
        Cpu.Snapshot s1 = cpu.snapshot();
        if (profiling != null) {
            ((Profiler) profiling[0]).stop();
        }
        long c1 = senderConn.loop.call(() -> f.sender.completed).get(10, TimeUnit.SECONDS);
        f.sending = false;
        deadline = System.currentTimeMillis() + 10_000;
        while (senderConn.loop.call(() -> f.sender.outstanding).get(10, TimeUnit.SECONDS) > 0
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        clients.sum(receivers.conns(), c -> 0); // hands the receivers' recorders over to this thread
        Recorder.Summary summary = Recorder.Summary.of(f.recorders);
        double window = (t1 - t0) / 1e9;
        int lost = f.receiver.lost.get() + f.sender.lost.get();
        FanResult r = new FanResult(members, (c1 - c0) / window, summary.count() / window, summary,
                Cpu.between(s0, s1), lost);
        List<WsConn> all = new ArrayList<>(receivers.conns());
        all.add(senderConn);
        clients.close(all, 10_000);
        System.out.printf(Locale.ROOT, "  fan-out to %4d: %8.0f pushes/s %9.0f deliveries/s  p50 %.3f  p99 %.3f"
                        + "  max %.3f ms  CPU server/loadgen/other %s  errors %d%n", members, r.pushes(), r.deliveries(),
                summary.p50Ms(), summary.p99Ms(), summary.maxMs(), r.cpu(), summary.errors() + lost);
        return r;
    }

    // ---- idle connections ----

    /** Idle connections: only the welcome, then nothing (the server's pings are answered). */
    private static final class Idle extends Clients.Base {
        Idle(Clients.Protocol protocol) {
            super(protocol);
        }

        @Override
        void message(WsConn c, byte[] a, int off, int len, long now) {
            c.unexpected++;
        }
    }

    private long[] heap() throws Exception {
        String answer = control.call("bench.heap", null).get(120, TimeUnit.SECONDS);
        byte[] a = Bytes.ascii(answer);
        return new long[] {Bytes.numberAfter(a, 0, a.length, Bytes.ascii("\"used\":")),
            Bytes.numberAfter(a, 0, a.length, Bytes.ascii("\"peers\":")),
            Bytes.numberAfter(a, 0, a.length, Bytes.ascii("\"raw\":"))};
    }

    private void idleRow(Clients.Protocol protocol) throws Exception {
        System.out.println("Opening " + idle + " idle " + protocol + " connections ...");
        long[] before = heap();
        Idle handler = new Idle(protocol);
        Cpu.Snapshot s0 = cpu.snapshot();
        Clients.Batch batch = clients.connect(protocol, idle, handler, 200, 300_000);
        Cpu.Snapshot s1 = cpu.snapshot();
        Thread.sleep(2000);
        long[] after = heap();
        long open = protocol == Clients.Protocol.HITCH ? after[1] - 1 : after[2];
        int ok = idle - batch.failures();
        IdleResult r = new IdleResult(protocol, ok, batch.failures(), ok / batch.seconds(), batch.latencyMs(),
                before[0], after[0], open, Cpu.between(s0, s1), handler.lost.get());
        idles.add(r);
        System.out.printf(Locale.ROOT, "  %s: %d open (server counts %d), %.0f connects/s, heap %.1f -> %.1f MB:"
                        + " %.1f KB per connection; failures %d%s%n", protocol, ok, open, r.rate(), before[0] / 1048576.0,
                after[0] / 1048576.0, r.perConnectionKb(), batch.failures(),
                batch.failures() > 0 ? " (" + batch.connector().firstFailure + ")" : "");
        clients.close(batch.conns(), 30_000);
        // Wait until the server has let them all go, so the next row starts from the same heap.
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            long[] now = heap();
            if (now[1] <= 1 && now[2] == 0) {
                break;
            }
            Thread.sleep(1000);
        }
    }

    // ---- output ----

    private String tables() {
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "### Start-up%n%nFirst `echo` answered %.0f ms after launching"
                + " `server run %s --clean` (Liberty's own \"server started\": %s).%n%n", startupMs, serverName,
                libertyStartup));
        if (!rpc.isEmpty()) {
            t.append(String.format(Locale.ROOT, "### RPC: round trips over loopback (%.0f s per row after %.0f s of"
                    + " warm-up; ~%d-byte data)%n%n", seconds, warmup, Rpc.DATA.length()));
            t.append("| conns | in flight | endpoint | round trips/s | p50 ms | p99 ms | max ms | rt/s vs raw | p99 vs raw"
                    + " | server CPU us/rt | CPU/rt vs raw | CPU server | CPU loadgen | CPU other | errors |\n");
            t.append("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (RpcResult r : rpc) {
                RpcResult raw = rpc.stream().filter(x -> x.target() == Rpc.Target.RAW && x.conns() == r.conns()
                        && x.inFlight() == r.inFlight()).findFirst().orElse(null);
                String vsRate = raw == null || r.target() == Rpc.Target.RAW ? "" : ratio(r.rate(), raw.rate());
                String vsP99 = raw == null || r.target() == Rpc.Target.RAW ? ""
                        : ratio(r.latency().p99Ms(), raw.latency().p99Ms());
                double micros = cpuMicros(r.cpu(), r.rate());
                String vsCpu = raw == null || r.target() == Rpc.Target.RAW ? ""
                        : ratio(micros, cpuMicros(raw.cpu(), raw.rate()));
                t.append(String.format(Locale.ROOT, "| %d | %d | %s | %.0f | %.3f | %.3f | %.2f | %s | %s | %.1f | %s"
                                + " | %s | %s | %s | %d |%n", r.conns(), r.inFlight(), r.target().label(), r.rate(),
                        r.latency().p50Ms(), r.latency().p99Ms(), r.latency().maxMs(), vsRate, vsP99, micros, vsCpu,
                        pct(r.cpu().server()), pct(r.cpu().loadgen()), pct(r.cpu().other()), errors(r)));
            }
            for (RpcResult r : rpc) {
                if (r.problem() != null) {
                    t.append(String.format(Locale.ROOT, "%nErrors of %s, %d x %d: %s%n", r.target().label(), r.conns(),
                            r.inFlight(), r.problem()));
                }
            }
            t.append('\n');
        }
        if (!fan.isEmpty()) {
            RpcResult echo = echo50x16();
            t.append(String.format(Locale.ROOT, "### Fan-out: `bench.blast` pushes to every member of a group (%d pushes"
                    + " in flight; latency from the request to each delivery)%n%n", FAN_WINDOW));
            t.append("| members | pushes/s | deliveries/s | vs echo rt/s (50x16) | p50 ms | p99 ms | max ms"
                    + " | server CPU us/delivery | CPU server | CPU loadgen | CPU other | errors |\n");
            t.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (FanResult f : fan) {
                t.append(String.format(Locale.ROOT, "| %d | %.0f | %.0f | %s | %.3f | %.3f | %.2f | %.1f | %s | %s | %s"
                                + " | %d |%n",
                        f.members(), f.pushes(), f.deliveries(), echo == null ? "" : ratio(f.deliveries(), echo.rate()),
                        f.latency().p50Ms(), f.latency().p99Ms(), f.latency().maxMs(),
                        cpuMicros(f.cpu(), f.deliveries()), pct(f.cpu().server()),
                        pct(f.cpu().loadgen()), pct(f.cpu().other()), f.latency().errors() + f.lost()));
            }
            t.append('\n');
        }
        if (!idles.isEmpty()) {
            t.append("### Idle connections: server heap after a full GC, before and after opening them\n\n");
            if (!idleNote.isEmpty()) {
                t.append(idleNote).append("\n\n");
            }
            t.append("| endpoint | connections | connects/s | connect p50 ms | connect p99 ms | server CPU us/connect"
                    + " | heap before MB | heap after MB | heap per connection KB | CPU server | CPU loadgen | CPU other"
                    + " | failures |\n");
            t.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (IdleResult i : idles) {
                t.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %.1f | %.1f | %.0f | %.1f | %.1f | %.1f | %s | %s"
                                + " | %s | %d |%n", i.protocol() == Clients.Protocol.HITCH ? "hitch /ws" : "raw /raw",
                        i.connections(), i.rate(), i.connectMs()[0], i.connectMs()[1], cpuMicros(i.cpu(), i.rate()),
                        i.heapBefore() / 1048576.0,
                        i.heapAfter() / 1048576.0, i.perConnectionKb(), pct(i.cpu().server()), pct(i.cpu().loadgen()),
                        pct(i.cpu().other()), i.failures() + i.lost()));
            }
            t.append('\n');
        }
        t.append(targets());
        t.append("\nCPU columns: percent of one core over the measured window (this machine has ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores, so 100% per core); other = the rest of the machine. Server CPU us per operation ="
                        + " the server JVM's CPU time in the window divided by the operations in it: it depends far less"
                        + " on what else the machine runs than the rates do.\n");
        return t.toString();
    }

    private RpcResult echo50x16() {
        return rpc.stream().filter(r -> r.target() == Rpc.Target.ECHO && r.conns() == 50 && r.inFlight() == 16)
                .findFirst().orElse(null);
    }

    private String targets() {
        StringBuilder t = new StringBuilder("### Targets of issue 6\n\n| target | measured | met |\n|---|---|---|\n");
        for (int inFlight : IN_FLIGHT) {
            RpcResult h = find(Rpc.Target.ECHO, 50, inFlight);
            RpcResult r = find(Rpc.Target.RAW, 50, inFlight);
            if (h != null && r != null) {
                double rate = h.rate() / r.rate();
                double p99 = h.latency().p99Ms() / r.latency().p99Ms();
                t.append(String.format(Locale.ROOT, "| echo, 50 conns x %d: >= 0.85 x raw rt/s, p99 <= 1.3 x raw |"
                        + " %.2f x rt/s, %.2f x p99 | %s |%n", inFlight, rate, p99, rate >= 0.85 && p99 <= 1.3 ? "yes" : "no"));
            }
        }
        RpcResult echo = echo50x16();
        fan.stream().filter(f -> f.members() == 1000).findFirst().ifPresent(f -> {
            if (echo != null) {
                double x = f.deliveries() / echo.rate();
                t.append(String.format(Locale.ROOT, "| fan-out to 1,000: deliveries/s >= 5 x echo rt/s (50x16) |"
                        + " %.1f x | %s |%n", x, x >= 5 ? "yes" : "no"));
            }
        });
        idles.stream().filter(i -> i.protocol() == Clients.Protocol.HITCH).findFirst().ifPresent(i ->
                t.append(String.format(Locale.ROOT, "| 10,000 idle connections, <= 30 KB heap each | %d connections,"
                        + " %.1f KB each | %s |%n", i.connections(), i.perConnectionKb(),
                        i.connections() >= 10_000 && i.perConnectionKb() <= 30 ? "yes" : "no")));
        return t.toString();
    }

    private RpcResult find(Rpc.Target target, int conns, int inFlight) {
        return rpc.stream().filter(r -> r.target() == target && r.conns() == conns && r.inFlight() == inFlight)
                .findFirst().orElse(null);
    }

    private static long errors(RpcResult r) {
        return r.latency().errors() + r.lost() + r.unanswered();
    }

    private static String ratio(double a, double b) {
        return b == 0 ? "" : String.format(Locale.ROOT, "%.2f", a / b);
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.0f%%", v);
    }

    private static void sleep(double s) throws InterruptedException {
        Thread.sleep((long) (s * 1000));
    }

    private String machine() {
        String cpuModel = "unknown";
        String ram = "unknown";
        try {
            cpuModel = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
            ram = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .map(l -> String.format(Locale.ROOT, "%.1f GiB",
                            Long.parseLong(l.replaceAll("[^0-9]", "")) / 1048576.0)).findFirst().orElse("unknown");
        } catch (IOException | RuntimeException e) {
            // leave unknown
        }
        String liberty = env("BENCH_LIBERTY_VERSION", "?");
        try {
            liberty = Files.readAllLines(wlp.resolve("lib/versions/openliberty.properties")).stream()
                    .filter(l -> l.startsWith("com.ibm.websphere.productVersion"))
                    .map(l -> l.substring(l.indexOf('=') + 1).trim()).findFirst().orElse(liberty);
        } catch (IOException | RuntimeException e) {
            // the build's version
        }
        String load = "";
        try {
            load = Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            // none
        }
        return String.format(Locale.ROOT, "Hitch %s. Machine: %d cores (nproc), %s, %s RAM; JDK %s (%s);"
                        + " Open Liberty %s; ulimit -n %s; load average at start %s; loadgen: %d NIO loop(s)",
                env("BENCH_COMMIT", "(commit unknown)"),
                Runtime.getRuntime().availableProcessors(), cpuModel, ram, System.getProperty("java.vm.version"),
                System.getProperty("java.vm.vendor"), liberty, env("BENCH_ULIMIT", "?"),
                load.isEmpty() ? "?" : load.split(" ")[0] + " " + load.split(" ")[1] + " " + load.split(" ")[2],
                loopCount);
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor(5, TimeUnit.SECONDS);
            return Long.parseLong(v);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

}
