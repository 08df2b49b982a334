package io.tandem.examples;

import io.tandem.limit.Limiter;
import io.tandem.Scope;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ports seed 004's {@code LimitedResource}: a {@code threading.Semaphore(2)} used as
 * {@code with self.semaphore:} lets at most two of five workers use a resource at once, each worker
 * using it three times. {@link Limiter} is that semaphore with {@link AutoCloseable} permits, so
 * try-with-resources releases the permit exactly once however the body ends (a forgotten or doubled
 * {@code release()} is the classic semaphore bug), and the workers run in a {@link Scope}, which waits
 * for all of them and reports any failure. The example counts how many workers use the resource at the
 * same moment.
 *
 * <p>The concurrency point: a semaphore bounds concurrency for one resource (connections, files, a
 * rate-limited API) while any number of threads want it.
 *
 * <p>Shorter than the seed: each use takes 30 ms instead of 1 s.
 */
public final class LimitedResource {
    static final int MAX_WORKERS = 2;
    static final int WORKERS = 5;
    static final int USES = 3;
    /** The seed sleeps 1 s per use. */
    static final long USE_MILLIS = 30;

    private final Limiter limiter;
    private final AtomicInteger inUse = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();

    LimitedResource(int maxWorkers) {
        this.limiter = Limiter.of(maxWorkers);
    }

    void useResource(PrintStream out, int workerId) throws InterruptedException {
        try (Limiter.Permit _ = limiter.acquire()) {   // with self.semaphore:
            mostAtOnce.accumulateAndGet(inUse.incrementAndGet(), Math::max);
            try {
                out.println("Worker " + workerId + " is using the resource");
                Thread.sleep(USE_MILLIS);
                out.println("Worker " + workerId + " is done using the resource");
            } finally {
                inUse.decrementAndGet();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** Runs the example, printing on {@code out}. */
    public static void run(PrintStream out) throws Exception {
        LimitedResource resource = new LimitedResource(MAX_WORKERS);
        try (Scope scope = Scope.open()) {
            for (int i = 0; i < WORKERS; i++) {
                int workerId = i;
                scope.fork("worker-" + i, () -> {
                    for (int use = 0; use < USES; use++) {
                        resource.useResource(out, workerId);
                    }
                    return null;
                });
            }
            scope.join();
        }
        out.println("All workers finished");
        out.println("At most " + resource.mostAtOnce.get() + " workers used the resource at once (limit "
                + MAX_WORKERS + ")");
    }
}
