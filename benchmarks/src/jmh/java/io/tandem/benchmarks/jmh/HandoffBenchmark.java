package io.tandem.benchmarks.jmh;

import io.tandem.channel.Channel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.TimeUnit;

/**
 * Producer/consumer hand-off cost per item: one producer and one consumer platform thread pass
 * {@value #N} items through a queue of capacity {@value #CAPACITY} (poison pill at the end), or through
 * a Tandem {@code Channel} (bounded with the same capacity, or unbounded; closed at the end).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class HandoffBenchmark {
    static final int N = 100_000;
    static final int CAPACITY = 1024;

    @Benchmark
    @OperationsPerInvocation(N)
    public long arrayBlockingQueue() throws Exception {
        return viaQueue(new ArrayBlockingQueue<>(CAPACITY));
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long linkedTransferQueue() throws Exception {
        return viaQueue(new LinkedTransferQueue<>());
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long channelBounded() throws Exception {
        return viaChannel(Channel.bounded(CAPACITY));
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long channelUnbounded() throws Exception {
        return viaChannel(Channel.unbounded());
    }

    /** The same hand-off through a Tandem channel: close() ends the consumer's loop instead of a pill. */
    static long viaChannel(Channel<Long> ch) throws Exception {
        long[] sum = new long[1];
        Thread consumer = Thread.ofPlatform().start(() -> {
            long s = 0;
            for (Long v : ch) {
                s += v;
            }
            sum[0] = s;
        });
        try (ch) {
            for (long i = 1; i <= N; i++) {
                ch.send(i);
            }
        }
        consumer.join();
        return sum[0];
    }

    static long viaQueue(BlockingQueue<Long> q) throws Exception {
        long[] sum = new long[1];
        Thread consumer = Thread.ofPlatform().start(() -> {
            try {
                long s = 0;
                for (long v; (v = q.take()) != 0; ) {
                    s += v;
                }
                sum[0] = s;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        for (long i = 1; i <= N; i++) {
            q.put(i);
        }
        q.put(0L);
        consumer.join();
        return sum[0];
    }
}
