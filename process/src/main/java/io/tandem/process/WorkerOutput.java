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
     * @param worker the worker's number (1, 2, ... in start order; replacements get new numbers)
     * @param stderr whether the line came from stderr
     */
    void line(int worker, boolean stderr, String line);

    /** Prints to this process's stdout/stderr with a {@code [worker-N]} prefix (the default). */
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
