package io.tandem.examples;

import io.tandem.Pools;
import io.tandem.TaskPool;

import java.io.PrintStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Ports seed 000's "Performing CPU-Bound Calculations Concurrently": factorials of 5, 10 and 15, one
 * thread each, then the same sequentially, printing both times. The Tandem version adds a third run,
 * {@code Pools.threads(3).map}, which also returns the results (the seed's threads throw them away) and
 * would report a failure with the index of the item that failed.
 *
 * <p>The concurrency point: the seed's "CPU-bound work" is a {@code sleep}, i.e. waiting, so threads
 * overlap it and finish in the time of the longest factorial (14 steps) instead of the sum (27 steps).
 * Unlike CPython's threads, Java threads would also run real CPU work in parallel (there is no GIL).
 *
 * <p>Shorter than the seed: each step sleeps 20 ms instead of 0.1 s, so the whole example takes about
 * 1.1 s instead of 5.5 s.
 */
public final class Factorials {
    /** The seed sleeps 0.1 s per multiplication; 20 ms keeps the example short. */
    static final long STEP_MILLIS = 20;
    static final List<Integer> NUMBERS = List.of(5, 10, 15);

    private Factorials() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** Runs the example, printing on {@code out}. */
    public static void run(PrintStream out) throws Exception {
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int number : NUMBERS) {
            threads.add(Thread.ofPlatform().name("factorial-" + number).start(() -> calculateFactorial(number)));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        out.printf("Total time with threads: %.2f seconds%n", seconds(start));

        // Compare with sequential execution
        start = System.nanoTime();
        for (int number : NUMBERS) {
            calculateFactorial(number);
        }
        out.printf("Total time sequentially: %.2f seconds%n", seconds(start));

        // Tandem: the pool keeps the results, in input order (chunk size 1: one task per number)
        start = System.nanoTime();
        List<BigInteger> results;
        try (TaskPool pool = Pools.threads(NUMBERS.size())) {
            results = pool.map(Factorials::calculateFactorial, NUMBERS, 1);
        }
        out.printf("Total time with Pools.threads(3).map: %.2f seconds%n", seconds(start));
        for (int i = 0; i < NUMBERS.size(); i++) {
            out.printf("%d! = %s%n", NUMBERS.get(i), results.get(i));
        }
    }

    /** n!, sleeping {@link #STEP_MILLIS} per multiplication like the seed ("simulate CPU-bound work"). */
    static BigInteger calculateFactorial(int n) {
        BigInteger result = BigInteger.ONE;
        for (int i = 2; i <= n; i++) {
            result = result.multiply(BigInteger.valueOf(i));
            Pause.millis(STEP_MILLIS);   // "simulate CPU-bound work", as the seed says
        }
        return result;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
