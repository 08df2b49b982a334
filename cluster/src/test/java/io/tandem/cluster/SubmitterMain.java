package io.tandem.cluster;

import java.time.Duration;

/** A submitter in its own JVM, for the test that kills it: submits long tasks, says so, then waits to be killed. */
public final class SubmitterMain {
    private SubmitterMain() {
    }

    public static void main(String[] args) throws Exception {
        ClusterPool pool = ClusterPool.builder().join(args[0]).secret(args[1]).detection(Duration.ofSeconds(3)).build();
        for (int i = 0; i < Integer.parseInt(args[2]); i++) {
            pool.submit(() -> {
                Thread.sleep(300_000);
                return 0;
            });
        }
        System.out.println("SUBMITTED");
        System.out.flush();
        Thread.sleep(300_000); // killed by the test long before
    }
}
