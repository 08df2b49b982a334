package io.tandem.benchmarks.dashboard;

import io.tandem.Monitor;
import io.tandem.Pools;
import io.tandem.TaskPool;
import io.tandem.bench.Workloads;
import io.tandem.dashboard.Recording;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What observing costs, in one JVM: the bench's tiny-submit and tiny-map workloads run in rounds, each round
 * once unobserved, once with a {@link Monitor} open (drained at the end of the run, as a test does) and once
 * under a {@link Recording} (what the dashboard and {@code --trace} use: a thread drains every 50 ms), in a
 * rotating order so drift in the machine's load falls on every configuration alike. Prints the median of
 * each configuration and the median of the per-round ratios.
 *
 * <pre>
 * java -cp "$(cat benchmarks/target/classpath.txt):benchmarks/target/classes" \
 *      io.tandem.benchmarks.dashboard.ObservedCost [rounds] [tasks]
 * </pre>
 */
public final class ObservedCost {
    private ObservedCost() {
    }

    enum Observe { OFF, MONITOR, RECORDING }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        Map<String, Supplier<TaskPool>> pools = new LinkedHashMap<>();
        pools.put("threads", Pools::threads);
        pools.put("virtual", Pools::virtual);
        pools.put("direct", Pools::direct);
        List<Long> input = new ArrayList<>(n);
        for (long i = 0; i < n; i++) {
            input.add(i);
        }
        System.out.printf("%d rounds of %,d tasks; load %s%n", rounds, n, load());
        for (String workload : List.of("tiny-submit", "tiny-map")) {
            for (Map.Entry<String, Supplier<TaskPool>> p : pools.entrySet()) {
                int warm = Math.max(5, rounds / 4);
                long[][] t = new long[Observe.values().length][rounds];
                for (int r = -warm; r < rounds; r++) {
                    for (int k = 0; k < 3; k++) {
                        Observe o = Observe.values()[(r + warm + k) % 3];
                        long ns = once(workload, p.getValue(), input, o);
                        if (r >= 0) {
                            t[o.ordinal()][r] = ns;
                        }
                    }
                }
                double off = median(t[0]);
                System.out.printf("%-11s %-8s off %8.1f us | monitor %8.1f us (%+5.1f%%, pairs %+5.1f%%) | recording %8.1f us (%+5.1f%%, pairs %+5.1f%%)%n",
                        workload, p.getKey(), off / 1e3,
                        median(t[1]) / 1e3, 100 * (median(t[1]) / off - 1), 100 * (pairRatio(t[1], t[0]) - 1),
                        median(t[2]) / 1e3, 100 * (median(t[2]) / off - 1), 100 * (pairRatio(t[2], t[0]) - 1));
            }
        }
        System.out.printf("load at end %s%n", load());
    }

    private static long once(String workload, Supplier<TaskPool> pool, List<Long> input, Observe o) throws Exception {
        AutoCloseable observer = switch (o) {
            case OFF -> null;
            case MONITOR -> Monitor.open();
            case RECORDING -> Recording.start();
        };
        long t0 = System.nanoTime();
        long sum = workload.equals("tiny-submit") ? Workloads.submitEach(pool.get(), input.size()) : map(pool.get(), input);
        long ns = System.nanoTime() - t0;
        if (observer instanceof Monitor m) {
            m.drainTo((kind, p, task, label, worker, attempt, start, end, error) -> { });
        }
        if (observer != null) {
            observer.close();
        }
        long n = input.size();
        if (sum != (n - 1) * n * (2 * n - 1) / 6) {
            throw new AssertionError("wrong sum " + sum);
        }
        return ns;
    }

    private static long map(TaskPool pool, List<Long> input) {
        try (pool) {
            long sum = 0;
            for (Long s : pool.map(x -> x * x, input)) {
                sum += s;
            }
            return sum;
        }
    }

    private static double median(long[] xs) {
        long[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }

    private static double pairRatio(long[] a, long[] b) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = (double) a[i] / b[i];
        }
        Arrays.sort(r);
        return r.length % 2 == 1 ? r[r.length / 2] : (r[r.length / 2 - 1] + r[r.length / 2]) / 2;
    }

    private static String load() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
