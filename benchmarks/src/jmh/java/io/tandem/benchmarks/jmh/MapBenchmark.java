package io.tandem.benchmarks.jmh;

import io.tandem.Pools;
import io.tandem.TaskPool;
import io.tandem.bench.Workloads;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Cost per item of mapping {@code x -> x*x} over {@value #N} boxed longs on a pool that already exists:
 * {@code Pools.threads().map} against a parallel stream on a ForkJoinPool and hand-chunked invokeAll.
 * The reciprocal of the score is the items/s figure of the performance goals (12M/s = 83 ns/item).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class MapBenchmark {
    static final int N = 100_000;

    private List<Long> input;
    private TaskPool tandem;
    private ForkJoinPool fjp;

    @Setup(Level.Trial)
    public void setUp() {
        input = Workloads.longs(N);
        tandem = Pools.threads();
        fjp = new ForkJoinPool(Workloads.cores());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        tandem.close();
        fjp.close();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public List<Long> tandemThreadsMap() {
        return tandem.map(x -> x * x, input);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public List<Long> forkJoinParallelStream() throws Exception {
        return fjp.submit(() -> input.parallelStream().map(x -> x * x).toList()).get();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public Long[] forkJoinInvokeAll() throws Exception {
        int chunks = Workloads.cores() * 4;
        int chunk = (N + chunks - 1) / chunks;
        Long[] out = new Long[N];
        List<Callable<Void>> tasks = new ArrayList<>(chunks);
        for (int start = 0; start < N; start += chunk) {
            int from = start;
            int to = Math.min(N, start + chunk);
            tasks.add(() -> {
                for (int i = from; i < to; i++) {
                    long x = input.get(i);
                    out[i] = x * x;
                }
                return null;
            });
        }
        for (Future<Void> f : fjp.invokeAll(tasks)) {
            f.get();
        }
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public List<Long> sequentialLoop() {
        List<Long> out = new ArrayList<>(N);
        for (Long x : input) {
            out.add(x * x);
        }
        return out;
    }
}
