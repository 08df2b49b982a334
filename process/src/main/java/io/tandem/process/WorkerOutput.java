package io.tandem.process;

import java.io.PrintStream;

/**
 * Receives the lines worker processes write to stdout and stderr. Called from one forwarding thread per
 * worker stream, so an implementation shared by workers must be thread-safe.
 */
@FunctionalInterface
public interface WorkerOutput {

    /**
     * One line, without its line terminator.
     *
     * @param worker the worker's number: unique in this JVM across all pools (1, 2, ... in start order,
     *               replacements and the one-off workers of {@link Processes} included), so output from two
     *               pools never shares a label; the same number names the worker in the pool's events
     * @param stderr whether the line came from stderr
     */
    void line(int worker, boolean stderr, String line);

    /**
     * Prints to this process's stdout/stderr with a {@code [worker-N]} prefix (the default), N being the
     * worker's JVM-wide number: two pools, or two {@link Processes#start} calls, print as {@code [worker-1]}
     * and {@code [worker-2]}.
     */
    static WorkerOutput inherit() {
        return (worker, stderr, line) -> {
            PrintStream out = stderr ? System.err : System.out;
            out.println("[worker-" + worker + "] " + line);
        };
    }

    /** Drops everything (the last stderr lines still appear in {@link WorkerDiedException}s). */
    static WorkerOutput discard() {
        return (worker, stderr, line) -> { };
    }
}
