package io.tandem.process.internal;

import io.tandem.process.ProcessPool;
import io.tandem.process.SharedLong;
import io.tandem.process.SharedMemory;
import io.tandem.process.WorkerOutput;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The other JVM of {@link KilledParentLeftoversTest}. Prints what it made on lines the test waits for.
 *
 * <pre>
 * pool    a pool of 2 workers, a SharedLong (which a worker updates) and a SharedMemory; prints
 *         "PIDS w1,w2" and "FILES f1,f2,socketDir", then waits to be killed
 * sweep   creates a SharedLong (this JVM's first shared object starts its sweep), waits for the sweep,
 *         prints "SWEPT p1,p2,...", closes the SharedLong and exits 0
 * </pre>
 */
public final class KilledParentChild {
    private KilledParentChild() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "pool" -> pool();
            case "sweep" -> {
                try (SharedLong first = SharedLong.create(0)) {
                    List<Path> swept = Leftovers.background().get(60, TimeUnit.SECONDS);
                    System.out.println("SWEPT " + join(swept));
                }
            }
            default -> throw new IllegalArgumentException("unknown job " + args[0]);
        }
    }

    @SuppressWarnings("resource") // killed with all of it open: that is the point
    private static void pool() throws Exception {
        ProcessPool pool = ProcessPool.builder().workers(2).output(WorkerOutput.discard()).build();
        SharedLong counter = SharedLong.create(0);
        SharedMemory memory = SharedMemory.create(4096);
        if (!pool.awaitReady(Duration.ofSeconds(60)) || pool.submit(() -> counter.incrementAndGet()).join() != 1) {
            System.exit(3);
        }
        List<Path> files = new ArrayList<>(List.of(counter.path(), memory.path(), ((ProcessPoolImpl) pool).socketDirectory()));
        System.out.println("PIDS " + pool.workerPids().stream().map(String::valueOf).collect(Collectors.joining(",")));
        System.out.println("FILES " + join(files));
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE); // the workload of this process: waiting to be killed
    }

    private static String join(List<Path> paths) {
        return paths.stream().map(Path::toString).collect(Collectors.joining(","));
    }
}
