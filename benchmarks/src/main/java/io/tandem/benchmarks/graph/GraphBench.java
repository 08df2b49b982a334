package io.tandem.benchmarks.graph;

import io.tandem.Pools;
import io.tandem.TaskPool;
import io.tandem.graph.RunOptions;
import io.tandem.graph.RunResult;
import io.tandem.graph.TaskGraph;
import io.tandem.graph.TaskResult;
import io.tandem.graph.TaskStatus;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;
import java.util.Random;

/**
 * Task-graph benchmarks (the targets: Dask's threaded scheduler spends ~200 µs per task, Ray ~1 ms):
 * <ul>
 *   <li>{@code overhead}: scheduling overhead per task for 100k trivial tasks ({@code x * x}), independent
 *       and as a random DAG (each task needs up to 2 earlier ones), on {@code Pools.direct()} and
 *       {@code Pools.threads()}: wall time of the whole run divided by the task count (target ≤ 2 µs);</li>
 *   <li>{@code million}: a 1M-task random DAG run to completion; run it under {@code -Xmx2g};</li>
 *   <li>{@code balance}: 1,000 tasks of random length (0.2–2 ms busy work) on 2 workers: makespan divided by
 *       (sum of task times / workers) (target ≤ 1.10), and the idle worker time while tasks waited.</li>
 * </ul>
 * Usage: {@code GraphBench [overhead|million|balance|all] [rounds=5]}, e.g.
 * {@code java -Xmx2g -cp benchmarks/target/benchmarks.jar io.tandem.benchmarks.graph.GraphBench all} (benchmarks/README.md).
 */
public final class GraphBench {
    private GraphBench() {
    }

    public static void main(String[] args) throws Exception {
        String what = args.length > 0 ? args[0] : "all";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        System.out.printf("GraphBench on %s %s, %d processors, max heap %d MB%n", System.getProperty("java.vm.name"),
                Runtime.version(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        if (what.equals("overhead") || what.equals("all")) {
            overhead(rounds);
        }
        if (what.equals("balance") || what.equals("all")) {
            balance(rounds);
        }
        if (what.equals("million") || what.equals("all")) {
            million();
        }
    }

    static TaskGraph trivial(int n, boolean dag, long seed) {
        TaskGraph g = TaskGraph.create();
        Random rnd = new Random(seed);
        for (int i = 0; i < n; i++) {
            int x = i;
            if (dag && i > 0) {
                int k = rnd.nextInt(3);
                String[] deps = new String[k];
                for (int j = 0; j < k; j++) {
                    deps[j] = "t" + rnd.nextInt(i);
                }
                g.task("t" + i).needs(deps).call(() -> x * x);
            } else {
                g.task("t" + i).call(() -> x * x);
            }
        }
        return g;
    }

    static void overhead(int rounds) throws Exception {
        int n = 100_000;
        for (boolean dag : new boolean[] {false, true}) {
            TaskGraph g = trivial(n, dag, 1);
            for (String kind : new String[] {"direct", "threads"}) {
                try (TaskPool pool = kind.equals("direct") ? Pools.direct() : Pools.threads()) {
                    RunOptions opts = RunOptions.builder().pool(pool).build();
                    double best = Double.MAX_VALUE;
                    double sum = 0;
                    for (int r = 0; r < rounds + 2; r++) {
                        long t = System.nanoTime();
                        RunResult res = g.run(opts);
                        double us = (System.nanoTime() - t) / 1e3 / n;
                        if (res.counts().get(TaskStatus.SUCCEEDED) != n) {
                            throw new AssertionError("not all succeeded");
                        }
                        if (r >= 2) {
                            best = Math.min(best, us);
                            sum += us;
                        }
                    }
                    System.out.printf(Locale.ROOT, "overhead  %-7s %-11s 100k tasks: best %.2f us/task, mean %.2f us/task (%.0f tasks/s)%n",
                            kind, dag ? "random DAG" : "independent", best, sum / rounds, 1e6 / best);
                }
            }
        }
    }

    static void balance(int rounds) throws Exception {
        int n = 1000;
        int workers = 2;
        for (int r = 0; r < rounds; r++) {
            TaskGraph g = TaskGraph.create();
            Random rnd = new Random(r);
            for (int i = 0; i < n; i++) {
                long nanos = 200_000 + rnd.nextInt(1_800_000);
                g.task("w" + i).call(() -> spin(nanos));
            }
            try (TaskPool pool = Pools.threads(workers)) {
                RunResult res = g.run(RunOptions.builder().pool(pool).build());
                long work = 0;
                for (TaskResult t : res.tasks()) {
                    work += t.elapsed().toNanos();
                }
                double makespan = res.elapsed().toNanos();
                double ideal = (double) work / workers;
                double idleMs = (makespan * workers - work) / 1e6;
                System.out.printf(Locale.ROOT, "balance   1000 tasks (0.2-2 ms) on 2 workers: makespan %.1f ms, work/workers %.1f ms, ratio %.4f, "
                                + "idle %.2f ms (%.3f%% of worker time), idle while tasks waited %.3f ms (%.2f us per hand-off)%n",
                        makespan / 1e6, ideal / 1e6, makespan / ideal, idleMs, 100 * idleMs * 1e6 / (makespan * workers),
                        idleWhileReady(res) / 1e6, idleWhileReady(res) / 1e3 / n);
            }
        }
    }

    /* Every task is ready from the start, so a worker's gap between two of its tasks is idle time while tasks waited. */
    static long idleWhileReady(RunResult res) {
        java.util.Map<String, java.util.List<TaskResult>> byWorker = new java.util.HashMap<>();
        for (TaskResult t : res.tasks()) {
            byWorker.computeIfAbsent(t.worker(), w -> new java.util.ArrayList<>()).add(t);
        }
        long idle = 0;
        for (java.util.List<TaskResult> ts : byWorker.values()) {
            ts.sort(java.util.Comparator.comparing(TaskResult::start));
            for (int i = 1; i < ts.size(); i++) {
                idle += Math.max(0, ts.get(i).start().toNanos() - ts.get(i - 1).end().toNanos());
            }
        }
        return idle;
    }

    static long spin(long nanos) {
        long end = System.nanoTime() + nanos;
        long x = 0;
        while (System.nanoTime() < end) {
            x++;
        }
        return x;
    }

    static void million() throws Exception {
        int n = 1_000_000;
        long t0 = System.nanoTime();
        TaskGraph g = trivial(n, true, 3);
        long built = System.nanoTime();
        try (TaskPool pool = Pools.threads()) {
            RunResult res = g.run(RunOptions.builder().pool(pool).build());
            long ran = System.nanoTime();
            long peak = 0;
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
                    peak += p.getPeakUsage().getUsed();
                }
            }
            System.out.printf(Locale.ROOT, "million   1M-task random DAG: build %.2f s, run %.2f s (%.2f us/task), %d succeeded, "
                            + "max heap %d MB, sum of heap pools' peaks %d MB%n",
                    (built - t0) / 1e9, (ran - built) / 1e9, (ran - built) / 1e3 / n, res.counts().get(TaskStatus.SUCCEEDED),
                    Runtime.getRuntime().maxMemory() >> 20, peak >> 20);
        }
    }
}
