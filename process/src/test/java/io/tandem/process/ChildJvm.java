package io.tandem.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link SharedCounterChild} JVM started with {@link ProcessBuilder} (no pool): same java binary and class
 * path as the test, small heap, output to a log file that failures quote. {@link #close()} kills and reaps
 * it, so a failing test leaks no process.
 */
final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final Path log;

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ChildJvm start(Path logDir, String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Xshare:auto", "-cp", System.getProperty("java.class.path"), SharedCounterChild.class.getName()));
        cmd.addAll(List.of(args));
        try {
            Path log = Files.createTempFile(logDir, "child-", ".log");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new ChildJvm(p, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    Process process() {
        return process;
    }

    /** Waits for the child to exit and fails, quoting its output, unless it exited with status 0. */
    void assertSucceeds(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("child " + pid() + " still running after " + timeout + "; output:\n" + output());
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("child " + pid() + " exited with " + process.exitValue() + "; output:\n" + output());
        }
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("child " + pid() + " did not die after SIGKILL");
        }
    }

    /** Kills and reaps every child, going on after a failure. */
    static void closeAll(List<ChildJvm> children) throws InterruptedException {
        AssertionError failure = null;
        for (ChildJvm c : children) {
            try {
                c.close();
            } catch (AssertionError e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
