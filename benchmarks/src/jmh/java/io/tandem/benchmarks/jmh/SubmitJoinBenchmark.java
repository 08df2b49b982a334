package io.tandem.benchmarks.jmh;

import io.tandem.Pools;
import io.tandem.Task;
import io.tandem.TaskPool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Submit + join cost per task, Tandem pools against the JDK executors they are built on.
 * {@code one}: submit one task and join it (round-trip latency, wake-ups included).
 * {@code batch}: submit {@value #BATCH} tasks, then join them all (per-task throughput cost).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class SubmitJoinBenchmark {
    static final int BATCH = 1000;

    @Param({"tandem-virtual", "jdk-virtual", "tandem-threads", "jdk-forkjoin"})
    public String pool;

    private TaskPool tandem;
    private ExecutorService jdk;
    private final Task<?>[] tasks = new Task<?>[BATCH];
    private final Future<?>[] futures = new Future<?>[BATCH];
    private long x;

    @Setup(Level.Trial)
    public void setUp() {
        int cores = Runtime.getRuntime().availableProcessors();
        switch (pool) {
            case "tandem-virtual" -> tandem = Pools.virtual();
            case "tandem-threads" -> tandem = Pools.threads(cores);
            case "jdk-virtual" -> jdk = Executors.newVirtualThreadPerTaskExecutor();
            case "jdk-forkjoin" -> jdk = new ForkJoinPool(cores);
            default -> throw new IllegalArgumentException(pool);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (tandem != null) {
            tandem.close();
        }
        if (jdk != null) {
            jdk.close();
        }
    }

    @Benchmark
    public Object one() throws Exception {
        long v = ++x;
        if (tandem != null) {
            return tandem.submit(() -> v * v).join();
        }
        return jdk.submit(() -> v * v).get();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long batch() throws Exception {
        long sum = 0;
        if (tandem != null) {
            for (int i = 0; i < BATCH; i++) {
                long v = i;
                tasks[i] = tandem.submit(() -> v * v);
            }
            for (Task<?> t : tasks) {
                sum += (Long) t.join();
            }
        } else {
            for (int i = 0; i < BATCH; i++) {
                long v = i;
                futures[i] = jdk.submit(() -> v * v);
            }
            for (Future<?> f : futures) {
                sum += (Long) f.get();
            }
        }
        return sum;
    }
}
