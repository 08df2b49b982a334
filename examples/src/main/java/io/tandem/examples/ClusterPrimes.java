package io.tandem.examples;

import io.tandem.cluster.ClusterPool;
import io.tandem.cluster.MemberStatus;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 004's prime finder again, on a cluster: the same {@code map} as {@link ProcessPrimes}, on
 * {@code ClusterPool.local(3)} (three member JVMs on this machine, joined through Hazelcast). On several
 * machines only the pool changes: start {@code tandem worker} on each, then {@code ClusterPool.connect("host:5701")}
 * here, with the same {@code TANDEM_CLUSTER_SECRET} everywhere. One machine cannot make a cluster faster
 * than its own cores; the point is that the code does not change when the work moves.
 */
public final class ClusterPrimes {
    private ClusterPrimes() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** Runs the example, printing on {@code out}. */
    public static void run(PrintStream out) throws Exception {
        long start = System.nanoTime();
        try (ClusterPool cluster = ClusterPool.local(3)) {            // three members on this machine
            out.printf("A local cluster of %d members is ready (%.2f s)%n", cluster.members(Duration.ofSeconds(5)).size(),
                    seconds(start));

            List<List<Integer>> results = cluster.map(r -> ProcessPrimes.findPrimes(r.start(), r.end()),
                    ProcessPrimes.SEED_RANGES, 1);
            out.printf("Found %d prime numbers%n", results.stream().mapToInt(List::size).sum());

            List<ProcessPrimes.Range> ranges = new ArrayList<>();
            for (int i = 0; i < ProcessPrimes.RANGES; i++) {
                ranges.add(new ProcessPrimes.Range((int) ((long) ProcessPrimes.N * i / ProcessPrimes.RANGES),
                        (int) ((long) ProcessPrimes.N * (i + 1) / ProcessPrimes.RANGES) - 1));
            }
            start = System.nanoTime();
            long count = cluster.map(r -> ProcessPrimes.countPrimes(r.start(), r.end()), ranges, 1).stream()
                    .mapToLong(Long::longValue).sum();
            out.printf("Primes below %,d in %d ranges on the cluster: %d primes, %.2f s%n", ProcessPrimes.N,
                    ProcessPrimes.RANGES, count, seconds(start));
            for (MemberStatus m : cluster.members(Duration.ofSeconds(5))) {
                out.printf("  member %s (pid %d, %d core(s))%n", m.address(), m.pid(), m.cores());
            }
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
