package io.tandem.process;

import io.tandem.TandemException;

import java.io.Serial;
import java.util.List;
import java.util.OptionalInt;

/**
 * A task failed because the worker process running it died: killed by a signal (SIGKILL, a native crash),
 * {@code System.exit}, an {@link OutOfMemoryError} or {@link StackOverflowError} that took the worker
 * down. Only the task that was running fails (or is retried, if the pool allows retries); the pool starts
 * a replacement worker and every other task goes on.
 *
 * <p>The message carries the worker's pid, how it ended (exit status or signal), the task's name and
 * attempt, and the last lines the worker wrote to stderr. Thread safety: immutable.
 */
public final class WorkerDiedException extends TandemException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final long pid;
    private final int exitStatus;
    private final String taskName;
    private final int attempt;
    private final List<String> lastStderr;

    public WorkerDiedException(long pid, int exitStatus, String taskName, int attempt, List<String> lastStderr) {
        super(message(pid, exitStatus, taskName, attempt, lastStderr));
        this.pid = pid;
        this.exitStatus = exitStatus;
        this.taskName = taskName;
        this.attempt = attempt;
        this.lastStderr = List.copyOf(lastStderr);
    }

    private static String message(long pid, int exitStatus, String taskName, int attempt, List<String> stderr) {
        StringBuilder sb = new StringBuilder("worker process ").append(pid).append(" died while running task ")
                .append(taskName).append(" (attempt ").append(attempt).append("): ").append(describeExit(exitStatus));
        if (!stderr.isEmpty()) {
            sb.append("; its last stderr lines:");
            for (String line : stderr) {
                sb.append("\n    ").append(line);
            }
        }
        return sb.toString();
    }

    /** "killed by signal 9 (SIGKILL)" or "exited with status 3". */
    public static String describeExit(int exitStatus) {
        if (exitStatus > 128 && exitStatus < 128 + 65) {
            int sig = exitStatus - 128;
            return "killed by signal " + sig + signalName(sig);
        }
        return "exited with status " + exitStatus;
    }

    private static String signalName(int sig) {
        return switch (sig) {
            case 6 -> " (SIGABRT)";
            case 9 -> " (SIGKILL)";
            case 11 -> " (SIGSEGV)";
            case 15 -> " (SIGTERM)";
            case 7 -> " (SIGBUS)";
            default -> "";
        };
    }

    /** The worker's process id. */
    public long pid() {
        return pid;
    }

    /** The worker's exit status as the JDK reports it (128 + n for signal n). */
    public int exitStatus() {
        return exitStatus;
    }

    /** The signal that killed the worker, if one did. */
    public OptionalInt signal() {
        return exitStatus > 128 && exitStatus < 128 + 65 ? OptionalInt.of(exitStatus - 128) : OptionalInt.empty();
    }

    /** The name of the task that was running. */
    public String taskName() {
        return taskName;
    }

    /** Which attempt of the task this was (1 for the first). */
    public int attempt() {
        return attempt;
    }

    /** The worker's last stderr lines, oldest first (at most 20). */
    public List<String> lastStderr() {
        return lastStderr;
    }
}
