package io.tandem.examples;

import io.tandem.process.ProcessPool;
import io.tandem.process.Processes;

import java.io.PrintStream;

/**
 * Ports seed 002's {@code multiprocessing.Process(target=print_numbers)} with {@code start()} and
 * {@code join()}: {@link Processes#run} runs the function in a fresh JVM and waits for it (it also
 * returns the function's result, which {@code Process} cannot). What the child prints on its stdout is
 * forwarded to this process's stdout line by line, prefixed {@code [worker-1]}; to send it elsewhere,
 * build the one-worker pool yourself with {@link ProcessPool.Builder#output}, as the second half does
 * (routing the child's lines to this example's output).
 *
 * <p>The concurrency point: a process is started, runs on its own, and is joined; it shares nothing
 * with the parent but what is sent to it and what it returns.
 *
 * <p>Shorter than the seed: 20 ms between numbers instead of 1 s.
 */
public final class ProcessPrintNumbers {
    private ProcessPrintNumbers() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** Runs the example, printing on {@code out}. */
    public static void run(PrintStream out) throws Exception {
        long parent = ProcessHandle.current().pid();
        // process = Process(target=print_numbers); process.start(); process.join()
        long child = Processes.run(() -> {
            PrintNumbers.printNumbers(System.out);   // the child's stdout: forwarded to ours as [worker-1] N
            return ProcessHandle.current().pid();
        });
        out.printf("Processes.run: print_numbers ran in process %d, joined by process %d%n", child, parent);

        try (ProcessPool process = ProcessPool.builder().workers(1).name("print-numbers")
                .output((worker, stderr, line) -> out.println("[child] " + line)).build()) {
            process.submit(() -> PrintNumbers.printNumbers(System.out)).join();
        }   // close() waits for the child to exit and for its last lines to be forwarded
        out.println("the child's output, forwarded to this example's output, is above");
    }
}
