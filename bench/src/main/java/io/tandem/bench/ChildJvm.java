package io.tandem.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one model of one scenario in a fresh JVM, so its peak RSS (VmHWM) is its own: the harness's
 * footprint and the garbage of earlier models would otherwise dominate it. The child gets
 * {@code -Xmx1g} (the 1M-sleeps target) and the parent's garbage collector; it warms up, times its runs
 * and prints one JSON line, which {@link #run} turns into a {@link ModelResult}.
 */
public final class ChildJvm {
    static final String HEAP = "-Xmx1g";
    private static final long TIMEOUT_SECONDS = 600;

    private ChildJvm() {
    }

    /** The JVM options a child gets. */
    static List<String> jvmOptions() {
        List<String> opts = new ArrayList<>();
        opts.add(HEAP);
        opts.add("--sun-misc-unsafe-memory-access=allow"); // Fory, when a child's model uses a process pool
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.matches("-XX:\\+Use\\w+GC") || a.startsWith("-Djdk.virtualThreadScheduler.")) {
                opts.add(a);
            }
        }
        return opts;
    }

    static ModelResult run(Scenario scenario, Model model, int size, RunPlan plan, String extraClasspath) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.addAll(jvmOptions());
        cmd.add("-cp");
        String cp = System.getProperty("java.class.path");
        cmd.add(extraClasspath.isEmpty() ? cp : cp + File.pathSeparator + extraClasspath);
        cmd.add(ChildJvm.class.getName());
        cmd.add(scenario.name());
        cmd.add(model.id());
        cmd.add(Integer.toString(size));
        cmd.add(Integer.toString(plan.minRuns()));
        cmd.add(Integer.toString(plan.maxRuns()));
        cmd.add(Double.toString(plan.minRunSeconds()));
        cmd.add(Double.toString(plan.warmupSeconds()));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return ModelResult.notTimed(model, ModelResult.Status.FAILED, null, "child JVM timed out");
            }
            String line = PythonBaselines.lastJsonLine(out);
            if (line == null) {
                return ModelResult.notTimed(model, ModelResult.Status.FAILED, null,
                        "child JVM exited with " + p.exitValue() + ": " + PythonBaselines.tail(out));
            }
            return fromJson(model, line);
        } catch (IOException e) {
            return ModelResult.notTimed(model, ModelResult.Status.FAILED, null, "could not start a child JVM: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ModelResult.notTimed(model, ModelResult.Status.FAILED, null, "interrupted");
        }
    }

    private static ModelResult fromJson(Model model, String line) {
        Map<?, ?> m = (Map<?, ?>) Json.parse(line);
        List<Double> seconds = new ArrayList<>();
        for (Object t : (List<?>) m.get("times")) {
            seconds.add(((Number) t).doubleValue());
        }
        double rss = m.get("peak_rss_kb") instanceof Number n && n.doubleValue() >= 0 ? n.doubleValue() / 1024 : Double.NaN;
        double cpu = m.get("cpu") instanceof Number n ? n.doubleValue() : Double.NaN;
        return new ModelResult(model, ModelResult.Status.valueOf((String) m.get("status")), seconds,
                m.get("answer"), rss, cpu, (String) m.get("message"));
    }

    /** Child entry point: {@code SCENARIO MODEL SIZE MIN_RUNS MAX_RUNS MIN_RUN_SECONDS WARMUP_SECONDS}. */
    public static void main(String[] args) {
        Scenario scenario = Scenarios.resolve(args[0]).orElseThrow();
        Model model = Model.byId(args[1]).orElseThrow();
        int size = Integer.parseInt(args[2]);
        RunPlan plan = new RunPlan(Integer.parseInt(args[3]), Integer.parseInt(args[4]), Double.parseDouble(args[5]),
                Double.parseDouble(args[6]), Double.POSITIVE_INFINITY);
        ModelResult r;
        try {
            r = Measure.inProcess(scenario, model, size, plan, scenario.expected(size));
        } finally {
            scenario.close();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", r.status().name());
        out.put("times", r.seconds());
        out.put("answer", r.answer() == null ? null : String.valueOf(r.answer()));
        out.put("peak_rss_kb", peakRssKb());
        out.put("cpu", Double.isNaN(r.cpu()) ? null : r.cpu());
        out.put("message", r.message());
        System.out.println(Json.write(out));
        System.out.flush();
    }

    /** VmHWM of this process in KiB, or -1 where /proc is not available. */
    static long peakRssKb() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("VmHWM:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
