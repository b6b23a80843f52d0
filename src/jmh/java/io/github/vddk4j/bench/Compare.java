package io.github.vddk4j.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the C baseline (vddkbench) and the JMH suite case group by case group, so that both sides
 * of a comparison run in the same minute, and prints one Markdown table: C figure, Java figure,
 * ratio, JMH's allocation per operation ({@code -prof gc}) and the target of issue 11. Both sides
 * report their best pass (C) or best measurement iteration (JMH): the machine is shared and noisy.
 * With {@code -Dvddk4j.bench.jvm2=PATH_TO_JAVA} (compare.sh sets it to a JDK 22+ when there is one)
 * every Java case also runs in JMH forks of that JVM, in the same minute, as a second set of
 * columns: with the library jar (multi-release) on the class path, that is the FFM data path.
 *
 * <p>Usage (native-stubs/bench/compare.sh does this):
 * {@code java -cp ... -Dvddk4j.bench.libDir=DIR -Dvddk4j.bench.disk0=D0 -Dvddk4j.bench.disk1=D1
 * [-Dvddk4j.bench.sparse=S -Dvddk4j.bench.straight=F] io.github.vddk4j.bench.Compare MODE VDDKBENCH}
 * with MODE {@code smoke} (seconds), {@code quick} (about two minutes) or {@code full}.
 * Exits non-zero if a case produced no figure (the harness is broken), never because a target is missed.
 */
public final class Compare {
    private static final String PKG = "io.github.vddk4j.bench.";

    /** A group of cases: the JMH benchmark with its parameter lists, and the matching C run. */
    record Group(String benchmark, String ops, String patterns, String sizes, String buffers, String depths) {
        int threads() {
            return benchmark.equals("sync2") ? 2 : 1;
        }

        String mode() {
            return benchmark.equals("async") ? "async" : "sync";
        }
    }

    /** One measured figure of one side. */
    record Figure(double nsPerOp, double mbPerS, double allocPerOp) {
    }

    private final String mode;
    private final String vddkbench;
    private final String libDir;
    private final boolean async;
    private final Map<String, Figure> c = new LinkedHashMap<>();
    private final Map<String, Figure> java = new LinkedHashMap<>();
    /** The second JVM's figures (same keys as {@link #java}), empty without one. */
    private final Map<String, Figure> java2 = new LinkedHashMap<>();
    /** The second JVM's java binary, or null. */
    private final String jvm2;
    private final String jvm1Name;
    private final String jvm2Name;
    /** The second JVM's feature version (e.g. 25), or 0. */
    private final int jvm2Feature;
    private final List<String> missing = new ArrayList<>();

    private Compare(String mode, String vddkbench) throws IOException, InterruptedException {
        this.mode = mode;
        this.vddkbench = vddkbench;
        this.libDir = BenchSetup.libDir().toString();
        this.async = exec(List.of(vddkbench, libDir, "has", "VixDiskLib_ReadAsync")).exit == 0;
        String second = System.getProperty("vddk4j.bench.jvm2", "");
        this.jvm2 = second.isBlank() || mode.equals("smoke") ? null : second; // smoke: no forks
        this.jvm1Name = "Java " + Runtime.version().feature();
        this.jvm2Feature = jvm2 == null ? 0 : featureVersion(jvm2);
        this.jvm2Name = jvm2 == null ? null : "Java " + jvm2Feature;
    }

    /** The feature version a java binary reports ({@code java -XshowSettings:properties -version}), e.g. 25. */
    private static int featureVersion(String java) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(java, "-XshowSettings:properties", "-version").redirectErrorStream(true).start();
        String version = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l; (l = r.readLine()) != null; ) {
                String t = l.trim();
                if (t.startsWith("java.specification.version = ")) {
                    version = t.substring("java.specification.version = ".length());
                }
            }
        }
        if (p.waitFor() != 0 || version == null) {
            throw new IllegalStateException("cannot run " + java + " -version, or it names no java.specification.version");
        }
        return Integer.parseInt(version);
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !List.of("smoke", "quick", "full").contains(args[0])) {
            System.err.println("usage: Compare smoke|quick|full PATH_TO_VDDKBENCH (see native-stubs/bench/compare.sh)");
            System.exit(2);
        }
        Compare compare = new Compare(args[0], args[1]);
        compare.run();
        System.exit(compare.missing.isEmpty() ? 0 : 1);
    }

    private List<Group> groups() {
        String all = "512,4096,65536,1048576,8388608";
        List<Group> g = new ArrayList<>();
        switch (mode) {
            case "smoke" -> {
                g.add(new Group("sync", "read,write", "seq", "4096", "direct", "1"));
                g.add(new Group("sync", "read", "seq", "65536", "heap", "1"));
                g.add(new Group("sync2", "read", "seq", "4096", "direct", "1"));
                g.add(new Group("async", "read", "seq", "65536", "direct", "4"));
            }
            case "quick" -> { // one case or more per target row of issue 11, nothing else
                g.add(new Group("sync", "read,write", "seq", "512,4096,65536,1048576", "direct", "1"));
                g.add(new Group("sync", "read,write", "seq", "1048576", "heap", "1"));
                g.add(new Group("sync2", "read", "seq", "4096,1048576", "direct", "1"));
                g.add(new Group("async", "read", "seq", "65536,1048576", "direct", "16"));
            }
            default -> {
                g.add(new Group("sync", "read,write", "seq,rand", all, "direct,heap", "1"));
                g.add(new Group("sync2", "read,write", "seq,rand", all, "direct", "1"));
                g.add(new Group("async", "read,write", "seq,rand", all, "direct", "1,4,16"));
            }
        }
        return g;
    }

    /** JMH options for one run; {@code jvm} null: forks of this JVM. */
    private ChainedOptionsBuilder jmh(String include, String jvm) {
        boolean smoke = mode.equals("smoke");
        boolean full = mode.equals("full");
        return inJvm(new OptionsBuilder().include(include), jvm)
                .forks(smoke ? 0 : 1) // smoke: every case in this JVM (one DiskLib), for speed
                .warmupIterations(smoke ? 1 : full ? 3 : 2)
                .warmupTime(TimeValue.milliseconds(smoke ? 100 : 200))
                .measurementIterations(smoke ? 2 : full ? 4 : 3)
                .measurementTime(TimeValue.milliseconds(smoke ? 100 : 200))
                .addProfiler(GCProfiler.class)
                .timeUnit(TimeUnit.NANOSECONDS)
                .verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT);
    }

    private void run() throws Exception {
        for (Group g : groups()) {
            if (g.mode().equals("async") && !async) {
                System.err.println("# the library lacks ReadAsync/WriteAsync: async cases skipped");
                continue;
            }
            runC(g);
            runJava(g, null, java);
            if (jvm2 != null) {
                runJava(g, jvm2, java2);
            }
        }
        runLog();
        runSparse();
        print();
    }

    private void runC(Group g) throws IOException, InterruptedException {
        boolean smoke = mode.equals("smoke");
        List<String> cmd = new ArrayList<>(List.of(vddkbench, libDir, "io", BenchSetup.disk(0), BenchSetup.disk(1),
                "sizes=" + g.sizes, "ops=" + g.ops, "patterns=" + g.patterns, "modes=" + g.mode(),
                "depths=" + g.depths, "threads=" + g.threads(), "ms=" + (smoke ? 100 : 200), "passes=" + (smoke ? 2 : mode.equals("full") ? 4 : 3)));
        for (String line : exec(cmd).lines) {
            String[] f = line.split("\t");
            if (f.length == 10 && f[0].equals("c")) {
                String key = key(f[1], f[2], f[3], Integer.parseInt(f[4]), Integer.parseInt(f[5]), Integer.parseInt(f[6]));
                c.put(key, new Figure(Double.parseDouble(f[7]), Double.parseDouble(f[8]), Double.NaN));
            }
        }
    }

    private void runJava(Group g, String jvm, Map<String, Figure> into) throws RunnerException {
        ChainedOptionsBuilder o = jmh(PKG + "DataPathBenchmark\\." + g.benchmark + "$", jvm);
        if (g.mode().equals("async") && !mode.equals("smoke")) {
            // the async completion path is still getting faster (JIT) for about 2 s
            o = o.warmupIterations(6).warmupTime(TimeValue.milliseconds(500));
        }
        o = o
                .param("op", g.ops.split(","))
                .param("pattern", g.patterns.split(","))
                .param("bytes", g.sizes.split(","))
                .param("buffer", g.buffers.split(","))
                .param("depth", g.depths.split(","));
        for (RunResult r : ran(o, "DataPathBenchmark." + g.benchmark, jvm)) {
            var p = r.getParams();
            int bytes = Integer.parseInt(p.getParam("bytes"));
            int depth = g.mode().equals("async") ? Integer.parseInt(p.getParam("depth")) : 0;
            double ns = best(r);
            Figure fig = new Figure(ns, g.threads() * (double) bytes / ns * 1e3, alloc(r));
            into.put(key(p.getParam("op"), p.getParam("pattern"), g.mode(), depth, g.threads(), bytes)
                    + " " + p.getParam("buffer"), fig);
        }
    }

    private void runLog() throws IOException, InterruptedException, RunnerException {
        if (exec(List.of(vddkbench, libDir, "has", "VixDiskLibStub_EmitTestLogs")).exit != 0) {
            System.err.println("# the library has no stub control API: log callback cases skipped");
            return;
        }
        for (String line : exec(List.of(vddkbench, libDir, "log", mode.equals("smoke") ? "2000" : "20000")).lines) {
            String[] f = line.split("\t");
            if (f.length == 4 && f[0].equals("c")) {
                double ns = Double.parseDouble(f[2]);
                c.merge(f[1].equals("log-ignored") ? "log disabled" : "log enabled", new Figure(ns, Double.NaN, Double.NaN),
                        (a, b) -> a.nsPerOp <= b.nsPerOp ? a : b);
            }
        }
        for (String jvm : jvms()) {
            ChainedOptionsBuilder o = jmh(PKG + "LogCallbackBenchmark", jvm)
                    .param("enabled", mode.equals("smoke") ? new String[] {"true"} : new String[] {"true", "false"});
            for (RunResult r : ran(o, "LogCallbackBenchmark", jvm)) {
                String enabled = r.getParams().getParam("enabled");
                figures(jvm).put("log " + (enabled.equals("true") ? "enabled" : "disabled"),
                        new Figure(best(r), Double.NaN, alloc(r)));
            }
        }
    }

    /**
     * Runs JMH; a benchmark that failed (JMH, silent, then returns no result for it) is recorded as
     * missing, so that a broken harness fails the run.
     */
    private java.util.Collection<RunResult> ran(ChainedOptionsBuilder o, String what, String jvm) throws RunnerException {
        java.util.Collection<RunResult> results = new Runner(o.build()).run();
        if (results.isEmpty()) {
            missing.add(what + " in " + (jvm == null ? jvm1Name : jvm2Name));
        }
        return results;
    }

    /** Forks of {@code jvm} (null: of this JVM's binary). */
    private ChainedOptionsBuilder inJvm(ChainedOptionsBuilder o, String jvm) {
        // JDK 22+ warns about JNA's and FFM's restricted methods unless native access is enabled
        if (jvm == null) {
            return o;
        }
        // one call: jvmArgsAppend replaces what an earlier call appended.
        // JMH 1.37 itself uses sun.misc.Unsafe, which JDK 23 and later warn about
        return jvm2Feature >= 23
                ? o.jvm(jvm).jvmArgsAppend("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow")
                : o.jvm(jvm).jvmArgsAppend("--enable-native-access=ALL-UNNAMED");
    }

    /** The JVMs to run Java cases in: this one (null) and the second one, if any. */
    private List<String> jvms() {
        List<String> jvms = new ArrayList<>();
        jvms.add(null);
        if (jvm2 != null) {
            jvms.add(jvm2);
        }
        return jvms;
    }

    private Map<String, Figure> figures(String jvm) {
        return jvm == null ? java : java2;
    }

    private void runSparse() throws IOException, InterruptedException, RunnerException {
        if (System.getProperty("vddk4j.bench.sparse") == null) {
            return;
        }
        String sparse = BenchSetup.property("vddk4j.bench.sparse");
        String straight = BenchSetup.property("vddk4j.bench.straight");
        for (String line : exec(List.of(vddkbench, libDir, "sparse", sparse, straight)).lines) {
            String[] f = line.split("\t");
            if (f.length == 5 && f[0].equals("c")) {
                c.put(f[1], new Figure(Double.parseDouble(f[2]) * 1e6, Double.parseDouble(f[4]), Double.NaN));
            }
        }
        for (String jvm : jvms()) {
            ChainedOptionsBuilder o = inJvm(new OptionsBuilder().include(PKG + "SparseBackupBenchmark")
                    .forks(mode.equals("smoke") ? 0 : 1).warmupIterations(1)
                    .measurementIterations(mode.equals("full") ? 3 : mode.equals("quick") ? 2 : 1)
                    .addProfiler(GCProfiler.class)
                    .verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT), jvm);
            for (RunResult r : ran(o, "SparseBackupBenchmark", jvm)) {
                String name = r.getParams().getBenchmark().replace(PKG + "SparseBackupBenchmark.", "");
                figures(jvm).put(name.equals("sparseBackup") ? "sparse-backup" : "straight-read",
                        new Figure(best(r), Double.NaN, alloc(r)));
            }
        }
    }

    /** The best (lowest) measurement iteration, in ns per operation. */
    private static double best(RunResult r) {
        double best = Double.MAX_VALUE;
        for (BenchmarkResult b : r.getBenchmarkResults()) {
            for (IterationResult i : b.getIterationResults()) {
                best = Math.min(best, toNs(i.getPrimaryResult()));
            }
        }
        return best;
    }

    private static double toNs(Result<?> res) {
        String unit = res.getScoreUnit();
        double s = res.getScore();
        if (unit.startsWith("ns")) {
            return s;
        } else if (unit.startsWith("us")) {
            return s * 1e3;
        } else if (unit.startsWith("ms")) {
            return s * 1e6;
        } else if (unit.startsWith("s")) {
            return s * 1e9;
        }
        throw new IllegalStateException("unexpected unit " + unit);
    }

    private static double alloc(RunResult r) {
        Result<?> a = r.getSecondaryResults().get("gc.alloc.rate.norm");
        return a == null ? Double.NaN : a.getScore();
    }

    private static String key(String op, String pattern, String mode, int depth, int threads, int bytes) {
        return op + " " + pattern + " " + mode + (mode.equals("async") ? " d" + depth : "") + " t" + threads + " "
                + bytes;
    }

    private void print() {
        boolean two = jvm2 != null;
        StringBuilder out = new StringBuilder();
        out.append("| case | buffer | C ns/op | C MB/s | ").append(jvm1Name).append(" ns/op | ").append(jvm1Name)
                .append("/C time | ").append(jvm1Name).append(" alloc B/op | ");
        if (two) {
            out.append(jvm2Name).append(" ns/op | ").append(jvm2Name).append("/C time | ").append(jvm2Name)
                    .append(" alloc B/op | ");
        }
        out.append("target | met").append(two ? " (" + jvm1Name + ", " + jvm2Name + ")" : "").append(" |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|").append(two ? "---:|---:|---:|" : "").append("---|---|\n");
        for (Map.Entry<String, Figure> e : java.entrySet()) {
            String k = e.getKey();
            String buffer = "";
            String cKey = k;
            if (k.endsWith(" direct") || k.endsWith(" heap")) {
                buffer = k.substring(k.lastIndexOf(' ') + 1);
                cKey = k.substring(0, k.lastIndexOf(' '));
            }
            Figure cf = c.get(cKey);
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | ", cKey, buffer,
                    num(cf == null ? Double.NaN : cf.nsPerOp), num(cf == null ? Double.NaN : cf.mbPerS)));
            String[] target = javaColumns(out, e.getValue(), cf, cKey, buffer, java);
            String met = target[1];
            if (two) {
                Figure j2 = java2.get(k);
                if (j2 == null) {
                    out.append("- | - | - | ");
                    met += ", -";
                } else {
                    met += ", " + javaColumns(out, j2, cf, cKey, buffer, java2)[1];
                }
            }
            out.append(target[0]).append(" | ").append(met).append(" |\n");
            if (Double.isNaN(e.getValue().nsPerOp) || cf == null) {
                missing.add(k);
            }
        }
        if (!missing.isEmpty()) {
            out.append("\nNo figure for: ").append(missing).append('\n');
        }
        System.out.print(out);
    }

    /** Appends one JVM's ns/op, ratio to C and allocation; returns the row's target and verdict for it. */
    private String[] javaColumns(StringBuilder out, Figure j, Figure cf, String cKey, String buffer,
                                 Map<String, Figure> same) {
        double ratio = cf == null ? Double.NaN : j.nsPerOp / cf.nsPerOp;
        out.append(String.format(Locale.ROOT, "%s | %s | %s | ", num(j.nsPerOp), ratio(ratio), num(j.allocPerOp)));
        return target(cKey, buffer, j, cf, same);
    }

    /** The target of issue 11 for a row, and whether the Java figure meets it ({@code same}: that JVM's figures). */
    private String[] target(String key, String buffer, Figure j, Figure cf, Map<String, Figure> same) {
        String[] f = key.split(" ");
        boolean sync = key.contains(" sync ");
        int bytes = f.length > 1 && f[f.length - 1].matches("\\d+") ? Integer.parseInt(f[f.length - 1]) : 0;
        double ratio = cf == null ? Double.NaN : j.nsPerOp / cf.nsPerOp;
        if (key.equals("log enabled")) {
            return verdict("<= 1000 ns", j.nsPerOp <= 1000);
        }
        if (key.equals("log disabled")) {
            return verdict("<= 200 ns", j.nsPerOp <= 200);
        }
        if (key.equals("sparse-backup")) {
            Figure straight = same.get("straight-read");
            return straight == null ? new String[] {"", ""}
                    : verdict("<= 1.2 x straight read", j.nsPerOp / straight.nsPerOp, j.nsPerOp <= 1.2 * straight.nsPerOp);
        }
        if (key.contains(" t2 ")) {
            Figure one = same.get(key.replace(" sync t2 ", " sync t1 ") + " " + buffer);
            return one == null ? new String[] {"", ""}
                    : verdict(">= 1.8 x 1 thread", j.mbPerS / one.mbPerS, j.mbPerS >= 1.8 * one.mbPerS);
        }
        if (sync && buffer.equals("heap")) {
            return bytes == 1048576 ? verdict("MB/s >= 0.9 x C", ratio <= 1 / 0.9) : new String[] {"", ""};
        }
        // the 0 B/op target is the calling thread's: DataPathAllocationTest counts it exactly; JMH's
        // figure divides every thread's allocation by the operations, so it is shown, not judged
        if (sync && bytes <= 4096) {
            return verdict("time <= 1.15 x C", ratio <= 1.15);
        }
        if (sync) {
            return verdict("MB/s >= 0.98 x C", ratio <= 1 / 0.98);
        }
        if (key.contains(" d16 ") && (bytes == 65536 || bytes == 1048576)) {
            return verdict("MB/s >= 0.95 x C", ratio <= 1 / 0.95);
        }
        return new String[] {"", ""};
    }

    private static String[] verdict(String target, boolean met) {
        return new String[] {target, met ? "yes" : "**no**"};
    }

    /** A verdict with the figure it was judged on (e.g. a ratio to another row), which the columns do not show. */
    private static String[] verdict(String target, double figure, boolean met) {
        return new String[] {target, (met ? "yes" : "**no**") + " (" + ratio(figure) + ")"};
    }

    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String ratio(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }

    private record Exec(int exit, List<String> lines) {
    }

    private static Exec exec(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l; (l = r.readLine()) != null; ) {
                lines.add(l);
            }
        }
        int exit = p.waitFor();
        if (exit != 0 && !cmd.contains("has")) {
            throw new IllegalStateException("failed (exit " + exit + "): " + String.join(" ", cmd));
        }
        return new Exec(exit, lines);
    }
}
