package io.tandem.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of a whole program: starts {@code command} as a fresh process, times it from just before
 * {@link ProcessBuilder#start()} to its exit, and keeps what it printed. Stdout and stderr go to temporary
 * files (deleted before {@link #run} returns), so the harness reads nothing while the clock runs and a
 * chatty program cannot block on a full pipe. A program that outlives {@code timeout} is killed with its
 * descendants (worker processes included) and reported as timed out. Stateless; each call is independent.
 *
 * @param seconds  wall time from start to exit
 * @param exitCode the exit status, or -1 after a timeout
 * @param timedOut whether the program was killed for running past the timeout
 * @param stdout   everything it wrote on stdout
 * @param stderr   everything it wrote on stderr
 */
record ProgramRun(double seconds, int exitCode, boolean timedOut, String stdout, String stderr) {

    /** Runs {@code command} once; throws only when it cannot be started at all. */
    static ProgramRun run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Path out = Files.createTempFile("tandem-program-", ".out");
        Path err = Files.createTempFile("tandem-program-", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            long t0 = System.nanoTime();
            Process p = pb.start();
            boolean exited = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            long t1 = System.nanoTime();
            if (!exited) {
                kill(p);
            }
            return new ProgramRun((t1 - t0) / 1e9, exited ? p.exitValue() : -1, !exited,
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /** Kills the program's descendants (worker JVMs, multiprocessing children), then the program, and waits. */
    private static void kill(Process p) throws InterruptedException {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + file, e);
        }
    }

    /** Whether the program exited by itself with status 0. */
    boolean succeeded() {
        return !timedOut && exitCode == 0;
    }

    /** The program's answer: the last non-blank line of stdout, stripped, or "" if it printed nothing. */
    String answer() {
        List<String> lines = lines(stdout);
        return lines.isEmpty() ? "" : lines.getLast();
    }

    /**
     * The program's answer when it printed {@code expected}: that line, even if other output followed it
     * (a worker process logging on the shared stdout while the pool closes is noise, not a wrong answer);
     * otherwise the last stdout line, as {@link #answer()}.
     */
    String answer(String expected) {
        return lines(stdout).contains(expected) ? expected : answer();
    }

    /**
     * What the program printed besides {@code answer}: every non-blank stderr line (JDK warnings, Python
     * warnings, stack traces), then every stdout line but the last one equal to {@code answer} (JVM logging
     * on stdout, a worker's log lines).
     */
    List<String> noise(String answer) {
        List<String> noise = new ArrayList<>(lines(stderr));
        List<String> out = new ArrayList<>(lines(stdout));
        int at = out.lastIndexOf(answer);
        if (at >= 0) {
            out.remove(at);
        }
        noise.addAll(out);
        return noise;
    }

    /** The last {@code max} characters of stderr (or of stdout when stderr is empty), for a FAILED status. */
    String tail(int max) {
        String s = (stderr.isBlank() ? stdout : stderr).strip();
        return s.length() > max ? "..." + s.substring(s.length() - max) : s;
    }

    private static List<String> lines(String text) {
        return Arrays.stream(text.split("\n")).map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
