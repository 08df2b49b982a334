package io.tandem.examples;

import io.tandem.Pools;
import io.tandem.TaskPool;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Ports seed 004's {@code ThreadPoolExecutor(max_workers=3)} example: {@code executor.map(worker,
 * range(5))}, each worker printing when it starts and finishes. The Tandem version is
 * {@code Pools.threads(3).map(worker, items, 1)}: the same three threads taking five jobs, but
 * {@code map} returns the results in input order and, where Python's {@code executor.map} drops an
 * exception unless someone iterates the results, it throws an {@link io.tandem.ItemFailedException}
 * naming the item and cancels the rest.
 *
 * <p>The concurrency point: a fixed pool bounds concurrency; the fourth and fifth jobs wait for a free
 * thread (the example counts how many ran at once).
 *
 * <p>Shorter than the seed: each worker sleeps 200 ms instead of 2 s.
 */
public final class ThreadPoolMap {
    /** The seed sleeps 2 s per worker. */
    static final long WORK_MILLIS = 200;
    static final int MAX_WORKERS = 3;

    private ThreadPoolMap() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** Runs the example, printing on {@code out}. */
    public static void run(PrintStream out) throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<Integer> results;
        try (TaskPool executor = Pools.threads(MAX_WORKERS)) {
            // chunk size 1: one task per item, like ThreadPoolExecutor.map
            results = executor.map(n -> {
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    return worker(out, n);
                } finally {
                    running.decrementAndGet();
                }
            }, IntStream.range(0, 5).boxed().toList(), 1);
        }
        out.println("All workers completed");
        out.println("Results: " + results + "; at most " + mostAtOnce.get() + " workers ran at once");
    }

    static int worker(PrintStream out, int n) {
        out.println("Worker " + n + " starting");
        Pause.millis(WORK_MILLIS);
        out.println("Worker " + n + " finished");
        return n;
    }
}
