package io.tandem.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the stdlib-only Python scripts that port the seeds' approaches. The scripts are resources of the
 * bench jar ({@code io/tandem/bench/python/*.py}, copied from {@code bench/python/}); they are extracted
 * to a private temp directory on first use and deleted by {@link #close()}.
 *
 * <p>Protocol: {@code python3 SCRIPT APPROACH SIZE RUNS [BUDGET_SECONDS]} runs the approach RUNS times
 * (fewer, at least one, once BUDGET_SECONDS of runs have passed) and prints, as its
 * last line, {@code {"approach":..., "size":..., "times":[seconds...], "answer":..., "peak_rss_kb":...}}.
 * The time is measured inside Python around the seed's own {@code with} block, so interpreter start-up
 * is not counted (as pool creation and close are counted on the Java side).
 *
 * <p>The interpreter is {@code $TANDEM_PYTHON} if set, else {@code python3} on the PATH. Not thread-safe.
 */
public final class PythonBaselines implements AutoCloseable {
    static final List<String> SCRIPTS = List.of("bench_common.py", "tiny_tasks.py", "primes.py", "sleeps.py",
            "queue_handoff.py", "process_handoff.py", "tiny_process.py", "counter.py", "factorials.py", "mean_column.py", "rows.py", "download.py",
            "fetch_parse.py",
            // the programs group's originals: whole programs (python3 PROGRAM.py ARGS), not the protocol above
            "programs/pool_squares.py", "programs/process_primes.py", "programs/chunk_means.py",
            "programs/value_counter.py", "programs/gather_sleeps.py", "programs/threadpool_fetch.py",
            "programs/asyncio_fetch.py", "programs/process_queue.py", "programs/fetch_parse.py",
            "programs/lock_counter.py");
    private static final long TIMEOUT_SECONDS = 600;

    private final String interpreter;
    private String version;
    private boolean probed;
    private Path dir;

    public PythonBaselines() {
        String env = System.getenv("TANDEM_PYTHON");
        this.interpreter = env != null && !env.isBlank() ? env : "python3";
    }

    /** {@code "3.11.7"}, or {@code null} when no interpreter could be started ("python3 not found"). */
    public synchronized String version() {
        if (!probed) {
            probed = true;
            try {
                Process p = new ProcessBuilder(interpreter, "-c", "import platform; print(platform.python_version())")
                        .redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && !out.isEmpty()) {
                    version = out;
                }
            } catch (IOException e) {
                version = null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return version;
    }

    public boolean available() {
        return version() != null;
    }

    /** Why Python models are skipped. */
    public String unavailableReason() {
        return interpreter + " not found";
    }

    /** The interpreter command: {@code $TANDEM_PYTHON} or {@code python3}. */
    public String interpreter() {
        return interpreter;
    }

    /** The extracted copy of the bench script {@code name} (such as {@code programs/pool_squares.py}). */
    Path script(String name) throws IOException {
        if (!SCRIPTS.contains(name)) {
            throw new IllegalArgumentException("no bench script " + name + "; known: " + SCRIPTS);
        }
        return extract().resolve(name);
    }

    /** The result of one script invocation. */
    public record Run(List<Double> seconds, Object answer, double peakRssMb, double cpuSeconds) {

        /** Share of all cores busy during the timed runs (see {@link ModelResult#cpu()}), or NaN. */
        public double cpu() {
            return CpuClock.utilisation(cpuSeconds, seconds.stream().mapToDouble(Double::doubleValue).sum());
        }
    }

    /**
     * Runs {@code approach} of {@code script} {@code runs} times on {@code size}, or fewer (at least one)
     * once {@code budgetSeconds} of runs have passed.
     */
    public Run run(String script, String approach, int size, int runs, double budgetSeconds)
            throws IOException, InterruptedException {
        return run(script, approach, size, runs, budgetSeconds, Map.of());
    }

    /** As {@link #run(String, String, int, int, double)}, with extra environment variables for the script. */
    public Run run(String script, String approach, int size, int runs, double budgetSeconds, Map<String, String> env)
            throws IOException, InterruptedException {
        Path file = extract().resolve(script);
        List<String> cmd = new ArrayList<>(List.of(interpreter, file.toString(), approach, Integer.toString(size),
                Integer.toString(runs)));
        if (Double.isFinite(budgetSeconds)) {
            cmd.add(Double.toString(budgetSeconds));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " did not finish in " + TIMEOUT_SECONDS + " s");
        }
        String last = lastJsonLine(out);
        if (p.exitValue() != 0 || last == null) {
            throw new IOException(String.join(" ", cmd) + " exited with " + p.exitValue() + ": " + tail(out));
        }
        return parse(last);
    }

    static Run parse(String jsonLine) {
        if (!(Json.parse(jsonLine) instanceof Map<?, ?> m) || !(m.get("times") instanceof List<?> times)) {
            throw new IllegalArgumentException("not a result line: " + jsonLine);
        }
        List<Double> seconds = new ArrayList<>();
        for (Object t : times) {
            seconds.add(((Number) t).doubleValue());
        }
        double rss = m.get("peak_rss_kb") instanceof Number n && n.doubleValue() >= 0 ? n.doubleValue() / 1024 : Double.NaN;
        double cpu = m.get("cpu_s") instanceof Number n ? n.doubleValue() : Double.NaN;
        return new Run(seconds, m.get("answer"), rss, cpu);
    }

    static String lastJsonLine(String out) {
        String[] lines = out.split("\n");
        for (int k = lines.length - 1; k >= 0; k--) {
            String l = lines[k].strip();
            if (l.startsWith("{")) {
                return l;
            }
        }
        return null;
    }

    static String tail(String out) {
        String s = out.strip();
        return s.length() > 600 ? "..." + s.substring(s.length() - 600) : s;
    }

    private Path extract() throws IOException {
        if (dir == null) {
            Path d = Files.createTempDirectory("tandem-bench-python-");
            try {
                for (String name : SCRIPTS) {
                    try (InputStream in = PythonBaselines.class.getResourceAsStream("python/" + name)) {
                        if (in == null) {
                            throw new IOException("bench resource io/tandem/bench/python/" + name
                                    + " is missing: rebuild the bench module (bench/python/*.py are copied into its jar)");
                        }
                        Path target = d.resolve(name);
                        Files.createDirectories(target.getParent());
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            } catch (IOException | RuntimeException e) {
                delete(d);
                throw e;
            }
            dir = d;
        }
        return dir;
    }

    /** Deletes the extracted scripts (and any {@code __pycache__}). */
    @Override
    public void close() {
        if (dir != null) {
            delete(dir);
            dir = null;
        }
    }

    private static void delete(Path d) {
        try (Stream<Path> walk = Files.walk(d)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + d, e);
        }
    }
}
