package io.tandem.process;

import java.time.Duration;

/** A parent JVM for {@link ParentDeathTest}: starts a pool, prints its worker pids, then waits to be killed. */
public final class ParentDeathChild {
    private ParentDeathChild() {
    }

    public static void main(String[] args) throws Exception {
        ProcessPool pool = ProcessPool.builder().workers(2).output(WorkerOutput.discard()).build();
        if (!pool.awaitReady(Duration.ofSeconds(60))) {
            System.exit(3);
        }
        System.out.println("PIDS " + pool.workerPids().stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElseThrow());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE); // the workload of this process: waiting to be killed
    }
}
