package io.tandem.benchmarks.jmh;

import io.tandem.bench.RawChild;
import io.tandem.bench.Workloads;
import io.tandem.process.ProcessPool;
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

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The cost of crossing into a worker JVM, on a {@code ProcessPool} with one worker that is started and
 * awaited before the trial and closed after it (starting workers is the {@code spawn} scenario's job).
 * {@code submitJoin}: one task {@code x -> x + 1} in flight at a time, submitted and joined, so each pays a
 * full round trip (encode, socket, worker wake-up, run, encode, socket, parent wake-up, decode).
 * {@code mapChunk1} and {@code mapAuto}: {@code map(x -> x + 1)} over {@value #N} boxed longs with chunk size
 * 1 (one message per item, pipelined) and with automatic chunking; the score is per item.
 * {@code rawUdsEcho} is the baseline: an 8-byte echo over a Unix-domain socket to a child JVM running
 * {@code EchoMain}, the transport alone without protocol, codec or task machinery.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class ProcessRoundTripBenchmark {
    static final int N = 1_000;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    /** One warm worker; a state of its own so the raw baseline does not start one too. */
    @State(Scope.Benchmark)
    public static class Pool {
        ProcessPool pool;
        final List<Long> input = Workloads.longs(N);
        long x;

        @Setup(Level.Trial)
        public void setUp() throws InterruptedException {
            pool = ProcessPool.builder().workers(1).name("jmh").build();
            try {
                if (!pool.awaitReady(READY_TIMEOUT)) {
                    throw new IllegalStateException("worker JVM not ready after " + READY_TIMEOUT.toSeconds() + " s");
                }
            } catch (InterruptedException | RuntimeException e) {
                pool.close();
                throw e;
            }
        }

        /** Waits for the worker to exit: a trial leaves no JVM behind. */
        @TearDown(Level.Trial)
        public void tearDown() {
            pool.close();
        }
    }

    /** One echo child JVM, connected before the trial. */
    @State(Scope.Benchmark)
    public static class Raw {
        RawChild child;
        long x;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            child = RawChild.start(1);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            child.close();
        }
    }

    @Benchmark
    public long submitJoin(Pool s) {
        long v = ++s.x;
        return s.pool.submit(() -> v + 1).join();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public List<Long> mapChunk1(Pool s) {
        return s.pool.map(x -> x + 1, s.input, 1);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public List<Long> mapAuto(Pool s) {
        return s.pool.map(x -> x + 1, s.input);
    }

    @Benchmark
    public long rawUdsEcho(Raw s) throws IOException {
        return s.child.echo(++s.x);
    }
}
