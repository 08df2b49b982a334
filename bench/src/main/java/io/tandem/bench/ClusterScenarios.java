package io.tandem.bench;

import io.tandem.RetryPolicy;
import io.tandem.Task;
import io.tandem.TaskPool;
import io.tandem.cluster.ClusterPool;
import io.tandem.cluster.MemberStatus;
import io.tandem.process.ProcessPool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The {@code cluster} group of {@code tandem bench} (full mode, or {@code --scenario cluster}):
 * {@code ClusterPool.local(3)} beside a process pool of 3 workers in the same run. On one machine a cluster
 * cannot beat the process pool (the same cores, plus Hazelcast, encryption and a lite member in between):
 * the table shows that overhead. The pools are started before the timed runs (cluster-ready times starting).
 *
 * <ul>
 *   <li>{@code cluster-tiny-submit}: N tasks (x -> x*x) submitted one by one, all in flight, then joined.</li>
 *   <li>{@code cluster-tiny-map}: {@code map(x -> x*x)} over N items, chunked by the pool.</li>
 *   <li>{@code cluster-primes}: the sum of the primes below N in 24 ranges.</li>
 *   <li>{@code cluster-failover}: a 10,000-task map (chunks of 1) of ~0.3 ms items; a third of the way in,
 *       one member (one worker) is killed with SIGKILL; every result must be right. {@code cluster-no-kill}
 *       is the same map without a kill, the baseline of the goal (at most 2x it plus the detection time).</li>
 *   <li>{@code cluster-ready}: from {@code ClusterPool.local(3)} (or {@code ProcessPool.create(3)}) to a pool
 *       whose members are all ready; closing is not timed.</li>
 * </ul>
 * Runs of one scenario are sequential; the warm pools are touched by one thread at a time.
 */
final class ClusterScenarios {
    static final String GROUP = "cluster";
    static final Duration DETECTION = Duration.ofSeconds(2);

    private ClusterScenarios() {
    }

    static List<Scenario> all() {
        return List.of(new TinySubmit(), new TinyMap(), new Primes(), new Failover(), new Ready());
    }

    static ClusterPool cluster() {
        return ClusterPool.builder().name("bench-cluster").local(3).detection(DETECTION).retry(RetryPolicy.attempts(3)).build();
    }

    static ProcessPool processes() {
        return ProcessPool.builder().workers(3).retry(RetryPolicy.attempts(3)).build();
    }

    /** A scenario of the group over a pool kept warm across one model's runs. */
    private abstract static class Warm implements Scenario {
        private TaskPool pool;

        TaskPool pool(Model model) throws InterruptedException {
            if (pool == null) {
                if (model.equals(Model.PROCESS)) {
                    ProcessPool p = processes();
                    if (!p.awaitReady(Duration.ofSeconds(60))) {
                        p.close();
                        throw new IllegalStateException("worker JVMs not ready after 60 s");
                    }
                    pool = p;
                } else if (model.equals(Model.CLUSTER) || model.equals(Model.CLUSTER_NO_KILL)) {
                    pool = cluster();
                } else {
                    throw new UnsupportedOperationException(name() + " has no Java model " + model.id());
                }
            }
            return pool;
        }

        @Override
        public boolean runsByDefault(Mode mode) {
            return mode == Mode.FULL;
        }

        @Override
        public List<Model> models() {
            return List.of(Model.PROCESS, Model.CLUSTER);
        }

        @Override
        public void release(Model model) {
            if (pool != null) {
                try {
                    pool.close();
                } finally {
                    pool = null;
                }
            }
        }
    }

    static final class TinySubmit extends Warm {
        @Override
        public String name() {
            return "cluster-tiny-submit";
        }

        @Override
        public String description() {
            return "submit N tasks (x -> x*x) one by one to 3 members / 3 workers, all in flight, then join each";
        }

        @Override
        public String unit() {
            return "tasks";
        }

        @Override
        public int size(Mode mode) {
            return mode == Mode.QUICK ? 10_000 : 50_000;
        }

        @Override
        public Object expected(int size) {
            return Workloads.sumOfSquares(size);
        }

        @Override
        public Object run(Model model, int size) throws Exception {
            TaskPool p = pool(model);
            List<Task<Long>> tasks = new ArrayList<>(size);
            for (long i = 0; i < size; i++) {
                long x = i;
                tasks.add(p.submit(() -> x * x));
            }
            long sum = 0;
            for (Task<Long> t : tasks) {
                sum += t.join();
            }
            return sum;
        }
    }

    static final class TinyMap extends Warm {
        @Override
        public String name() {
            return "cluster-tiny-map";
        }

        @Override
        public String description() {
            return "map(x -> x*x) over N items, chunked by the pool, on 3 members / 3 workers";
        }

        @Override
        public String unit() {
            return "items";
        }

        @Override
        public int size(Mode mode) {
            return 2_000_000;
        }

        @Override
        public Object expected(int size) {
            long sum = 0; // a plain loop: the closed form's intermediate product overflows a long at this size
            for (long i = 0; i < size; i++) {
                sum += i * i;
            }
            return sum;
        }

        @Override
        public Object run(Model model, int size) throws Exception {
            List<Long> squares = pool(model).map(x -> x * x, Workloads.longs(size));
            long sum = 0;
            for (long v : squares) {
                sum += v;
            }
            return sum;
        }
    }

    static final class Primes extends Warm {
        @Override
        public String name() {
            return "cluster-primes";
        }

        @Override
        public String description() {
            return "sum of the primes below N, 24 ranges, on 3 members / 3 workers";
        }

        @Override
        public String unit() {
            return "numbers";
        }

        @Override
        public int size(Mode mode) {
            return 2_000_000;
        }

        @Override
        public Object expected(int size) {
            return Workloads.sumPrimesSieve(size);
        }

        @Override
        public Object run(Model model, int size) throws Exception {
            List<Long> sums = pool(model).map(r -> Workloads.sumPrimes(r[0], r[1]), Workloads.ranges(size, 24), 1);
            return sums.stream().mapToLong(Long::longValue).sum();
        }
    }

    static final class Failover extends Warm {
        @Override
        public String name() {
            return "cluster-failover";
        }

        @Override
        public String description() {
            return "a 10,000-task map (~0.3 ms items); SIGKILL one of 3 members (workers) a third of the way in";
        }

        @Override
        public String unit() {
            return "tasks";
        }

        @Override
        public int size(Mode mode) {
            return 10_000;
        }

        @Override
        public List<Model> models() {
            return List.of(Model.PROCESS, Model.CLUSTER_NO_KILL, Model.CLUSTER);
        }

        @Override
        public int maxRuns() {
            return 3;
        }

        @Override
        public Object expected(int size) {
            return Workloads.sumOfSquares(size);
        }

        private static long work(long x) {
            long h = x;
            for (int i = 0; i < 60_000; i++) {
                h = h * 6364136223846793005L + 1442695040888963407L;
            }
            return h == 42 ? -1 : x * x; // the loop is the work; the answer stays checkable
        }

        @Override
        public Object run(Model model, int size) throws Exception {
            TaskPool p = pool(model);
            long t0 = System.nanoTime();
            Iterator<Long> it = p.imap(Failover::work, Workloads.longs(size), 1);
            long sum = 0;
            int seen = 0;
            while (it.hasNext()) {
                sum += it.next();
                if (++seen == size / 3 && !model.equals(Model.CLUSTER_NO_KILL)) {
                    kill(p);
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (!model.equals(Model.CLUSTER_NO_KILL)) {
                release(model); // the next run starts whole again (not timed)
            }
            return new Timed(sum, seconds);
        }

        private static void kill(TaskPool p) {
            long victim;
            if (p instanceof ClusterPool c) {
                victim = c.localMemberPids().getFirst();
            } else {
                victim = ((ProcessPool) p).workerPids().getFirst();
            }
            ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    static final class Ready implements Scenario {
        @Override
        public String name() {
            return "cluster-ready";
        }

        @Override
        public String description() {
            return "from ClusterPool.local(3) / ProcessPool.create(3) to every member/worker ready (close not timed)";
        }

        @Override
        public String unit() {
            return "pools";
        }

        @Override
        public int size(Mode mode) {
            return 1;
        }

        @Override
        public boolean runsByDefault(Mode mode) {
            return mode == Mode.FULL;
        }

        @Override
        public List<Model> models() {
            return List.of(Model.PROCESS, Model.CLUSTER);
        }

        @Override
        public int maxRuns() {
            return 5;
        }

        @Override
        public Object expected(int size) {
            return size;
        }

        @Override
        public Object run(Model model, int size) throws Exception {
            double seconds = 0;
            for (int i = 0; i < size; i++) {
                long t0 = System.nanoTime();
                if (model.equals(Model.CLUSTER)) {
                    try (ClusterPool c = cluster()) {
                        seconds += (System.nanoTime() - t0) / 1e9;
                        List<MemberStatus> members = c.members(Duration.ofSeconds(5));
                        if (members.size() != 3) {
                            throw new IllegalStateException("local(3) has " + members.size() + " members");
                        }
                    }
                } else if (model.equals(Model.PROCESS)) {
                    try (ProcessPool p = ProcessPool.create(3)) {
                        if (!p.awaitReady(Duration.ofSeconds(60))) {
                            throw new IllegalStateException("workers not ready after 60 s");
                        }
                        seconds += (System.nanoTime() - t0) / 1e9;
                    }
                } else {
                    throw new UnsupportedOperationException(name() + " has no Java model " + model.id());
                }
            }
            return new Timed(size, seconds);
        }
    }
}
