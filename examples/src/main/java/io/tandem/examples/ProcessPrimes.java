package io.tandem.examples;

import io.tandem.Pools;
import io.tandem.TaskPool;
import io.tandem.process.ProcessPool;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Ports seed 004's {@code ProcessPoolExecutor} prime finder: {@code find_primes} over four ranges up to
 * 100,000 on a process pool, then "Found 9592 prime numbers". The seed maps a lambda, which
 * {@code ProcessPoolExecutor} cannot pickle; a Java lambda passed to {@link ProcessPool#map} is
 * serializable, so the port keeps it. Then the same work, larger (primes below {@value #N} in eight
 * ranges), timed three ways: sequentially, on threads ({@code Pools.threads()}) and on processes.
 *
 * <p>The concurrency point: CPU-bound work needs parallel execution. CPython needs processes for that
 * (the GIL serialises threads); Java threads already run in parallel, so on the JVM processes buy
 * isolation, not speed: they run about as fast as threads once the workers have started, and starting
 * them (printed separately) costs more than this whole computation.
 */
public final class ProcessPrimes {
    static final int N = 2_000_000;
    static final int RANGES = 8;
    /** The seed's ranges, both ends included. */
    static final List<Range> SEED_RANGES = List.of(
            new Range(1, 25_000), new Range(25_001, 50_000), new Range(50_001, 75_000), new Range(75_001, 100_000));

    private ProcessPrimes() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** Numbers {@code start..end}, both included (as the seed's {@code range(start, end+1)}). */
    record Range(int start, int end) {
    }

    /** Runs the example, printing on {@code out}. */
    public static void run(PrintStream out) throws Exception {
        List<Range> ranges = new ArrayList<>();
        for (int i = 0; i < RANGES; i++) {
            ranges.add(new Range((int) ((long) N * i / RANGES), (int) ((long) N * (i + 1) / RANGES) - 1));
        }

        long start = System.nanoTime();
        try (ProcessPool executor = ProcessPool.create()) {   // with ProcessPoolExecutor() as executor:
            if (!executor.awaitReady(Duration.ofSeconds(60))) {
                throw new IllegalStateException("worker processes not ready after 60 s");
            }
            double startup = seconds(start);

            List<List<Integer>> results = executor.map(r -> findPrimes(r.start(), r.end()), SEED_RANGES, 1);
            int allPrimes = results.stream().mapToInt(List::size).sum();
            out.printf("Found %d prime numbers%n", allPrimes);

            out.printf("Primes below %,d in %d ranges:%n", N, RANGES);
            start = System.nanoTime();
            long sequential = ranges.stream().mapToLong(r -> countPrimes(r.start(), r.end())).sum();
            out.printf("  sequentially:            %.2f s, %d primes%n", seconds(start), sequential);

            start = System.nanoTime();
            long threaded;
            try (TaskPool threads = Pools.threads()) {
                threaded = sum(threads.map(r -> countPrimes(r.start(), r.end()), ranges, 1));
            }
            out.printf("  Pools.threads():         %.2f s, %d primes%n", seconds(start), threaded);

            start = System.nanoTime();
            long processes = sum(executor.map(r -> countPrimes(r.start(), r.end()), ranges, 1));
            out.printf("  ProcessPool (%d workers): %.2f s, %d primes (starting the workers took %.2f s)%n",
                    executor.workerPids().size(), seconds(start), processes, startup);
        }
    }

    static boolean isPrime(int n) {
        if (n < 2) {
            return false;
        }
        int limit = (int) Math.sqrt(n);
        for (int i = 2; i <= limit; i++) {
            if (n % i == 0) {
                return false;
            }
        }
        return true;
    }

    /** The seed's {@code find_primes(start, end)}: the primes in {@code start..end}, both included. */
    static List<Integer> findPrimes(int start, int end) {
        List<Integer> primes = new ArrayList<>();
        for (int n = start; n <= end; n++) {
            if (isPrime(n)) {
                primes.add(n);
            }
        }
        return primes;
    }

    static long countPrimes(int start, int end) {
        long count = 0;
        for (int n = start; n <= end; n++) {
            if (isPrime(n)) {
                count++;
            }
        }
        return count;
    }

    private static long sum(List<Long> counts) {
        return counts.stream().mapToLong(Long::longValue).sum();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
