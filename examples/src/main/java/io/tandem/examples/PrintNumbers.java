package io.tandem.examples;

import io.tandem.Pools;
import io.tandem.Task;
import io.tandem.TaskPool;

import java.io.PrintStream;

/**
 * Ports seed 002's {@code print_numbers} examples: the function run on a {@code threading.Thread}
 * ({@code start}/{@code join}), then submitted to a {@code ThreadPoolExecutor} and awaited with
 * {@code future.result()}. The Tandem version submits to {@code Pools.threads()}, whose {@link Task} is a
 * {@link java.util.concurrent.Future} with an unchecked {@code join()}, and adds the virtual-thread
 * version that I/O-bound code should use. (Seed 002's {@code multiprocessing.Process} variant belongs to
 * the process module.)
 *
 * <p>The concurrency point: starting work on another thread and waiting for it; a pool reuses its
 * threads and hands back the result (or the exception) through the task.
 *
 * <p>Shorter than the seed: 20 ms between numbers instead of 1 s.
 */
public final class PrintNumbers {
    /** The seed sleeps 1 s between numbers. */
    static final long PAUSE_MILLIS = 20;

    private PrintNumbers() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** Runs the example, printing on {@code out}. */
    public static void run(PrintStream out) throws Exception {
        out.println("threading.Thread -> java.lang.Thread:");
        Thread thread = Thread.ofPlatform().name("print-numbers").start(() -> printNumbers(out));
        thread.join();

        out.println("ThreadPoolExecutor.submit -> Pools.threads().submit:");
        try (TaskPool executor = Pools.threads()) {
            Task<Void> future = executor.submit(() -> printNumbers(out));
            future.join();
        }

        out.println("a virtual thread (for code that mostly waits):");
        Thread.ofVirtual().name("print-numbers-virtual").start(() -> printNumbers(out)).join();
    }

    static void printNumbers(PrintStream out) {
        for (int i = 0; i < 5; i++) {
            out.println(i);
            Pause.millis(PAUSE_MILLIS);
        }
    }
}
