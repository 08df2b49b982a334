package io.tandem.bench;

import java.util.List;
import java.util.Locale;

/**
 * The {@code programs} group of {@code tandem bench}: the seeds' programs as whole processes, each a
 * Python original ({@code bench/python/programs/}) and a Tandem port ({@code io.tandem.bench.programs}),
 * with sizes per mode and the independent expected answers. The goal for each is Python/Tandem &gt;= 1,
 * and &gt;= 3 where Python takes more than a second ({@link ProgramVerdict}).
 *
 * <p>Sizes: quick keeps the whole group near 40 s on 2 cores (each pair ~2-3 s today, one to three runs);
 * full keeps it near 4 minutes: the seeds' sizes where they fit, and where the seed's size would cost
 * Python half a minute a run (primes to 5,000,000: 35 s) a size at which Python still needs more than a
 * second, so the "3x when Python takes over a second" goal is tested. Stateless.
 */
final class Programs {
    static final String PACKAGE = "io.tandem.bench.programs.";

    private static final List<Scenario> ALL = List.of(
            program("program-pool-squares", "seed 004: multiprocessing.Pool().map(calculate_square, range(N)), N = the seed's 10",
                    "items", 10, 10, true, "pool_squares.py", "PoolSquares", Programs::squares, false),
            program("program-pool-squares-big", "seed 004: the same Pool().map(calculate_square, range(N)) on many items",
                    "items", 100_000, 1_000_000, true, "pool_squares.py", "PoolSquares", Programs::squares, false),
            program("program-primes", "seed 004: ProcessPoolExecutor finds the primes to N in 4 ranges, N = the seed's 100,000",
                    "numbers", 100_000, 100_000, true, "process_primes.py", "ProcessPrimes", Programs::primes, false),
            program("program-primes-big", "seed 004: the same prime finder to a larger N (Python over a second)",
                    "numbers", 400_000, 1_000_000, false, "process_primes.py", "ProcessPrimes", Programs::primes, false),
            program("program-chunk-means", "seed 004: a column of N rows in 10 chunks, each chunk's mean in a ProcessPoolExecutor",
                    "rows", 1_000_000, 10_000_000, true, "chunk_means.py", "ChunkMeans", Programs::chunkMeans, false),
            program("program-value-counter", "seed 004: Value('i') + get_lock(), 4 processes x N increments",
                    "increments", 10_000, 100_000, true, "value_counter.py", "ValueCounter", n -> "Final counter value: " + 4L * n, false),
            program("program-gather", "seed 003: asyncio.gather of N tasks that sleep 100 ms",
                    "tasks", 10_000, 10_000, true, "gather_sleeps.py", "GatherSleeps",
                    n -> n + " tasks, sum " + (long) n * (n - 1) / 2, false),
            program("program-threadpool-fetch", "seed 001: ThreadPoolExecutor fetches N pages (" + LatencyServer.PAGE_LATENCY_MILLIS
                            + " ms latency, local server)",
                    "pages", 200, 200, true, "threadpool_fetch.py", "ThreadPoolFetch", Programs::pages, true),
            program("program-asyncio-fetch", "seed 001: asyncio.gather fetches the same N pages",
                    "pages", 200, 200, true, "asyncio_fetch.py", "AsyncioFetch", Programs::pages, true),
            program("program-process-queue", "seed 000: multiprocessing.Queue from a producer to a consumer process, N items",
                    "items", 10_000, 100_000, true, "process_queue.py", "ProcessQueue",
                    n -> "Consumed " + n + " items, sum " + (long) n * (n - 1) / 2, false),
            program("program-fetch-parse", "seed 001: a process Pool fetches N documents and runs a regex over each",
                    "documents", 20, 20, true, "fetch_parse.py", "FetchParse", LatencyServer::expectedDocs, true),
            program("program-lock-counter", "seed 003: 10 threads x N increments under a lock (JDK ReentrantLock in Java)",
                    "increments", 100_000, 1_000_000, true, "lock_counter.py", "LockCounter", n -> "Value: " + 10L * n, false));

    private Programs() {
    }

    /** Every program, in the order {@code tandem bench} runs them. */
    static List<Scenario> all() {
        return ALL;
    }

    private static Scenario program(String name, String description, String unit, int quick, int full,
                                    boolean quickByDefault, String py, String main,
                                    java.util.function.IntFunction<String> expected, boolean server) {
        return new ProgramScenario(name, description, unit, quick, full, quickByDefault, 5, "programs/" + py,
                PACKAGE + main, expected, server);
    }

    static String squares(int n) {
        long sum = 0;
        for (long i = 0; i < n; i++) {
            sum += i * i;
        }
        return n + " squares, sum " + sum;
    }

    /** The primes in 1..n, counted with a sieve (the programs use trial division). */
    static String primes(int n) {
        boolean[] composite = new boolean[n + 1];
        int count = 0;
        for (int i = 2; i <= n; i++) {
            if (!composite[i]) {
                count++;
                for (long j = (long) i * i; j <= n; j += i) {
                    composite[(int) j] = true;
                }
            }
        }
        return "Found " + count + " prime numbers";
    }

    /** Means of the chunks {@code [i, i + n/10)} of {@code 0..n-1}: the middle of each run of integers. */
    static String chunkMeans(int n) {
        if (n < 10) {
            throw new IllegalArgumentException("chunk means need at least 10 rows (10 chunks), got " + n);
        }
        int size = n / 10;
        StringBuilder sb = new StringBuilder("Results: [");
        for (int start = 0; start < n; start += size) {
            long end = Math.min(n, (long) start + size);
            sb.append(start == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.1f", (start + end - 1) / 2.0));
        }
        return sb.append(']').toString();
    }

    static String pages(int n) {
        long bytes = 0;
        for (int i = 0; i < n; i++) {
            bytes += LatencyServer.page(i).length;
        }
        return n + " pages, " + bytes + " bytes";
    }
}
