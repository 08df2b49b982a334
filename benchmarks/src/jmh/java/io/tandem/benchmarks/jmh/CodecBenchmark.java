package io.tandem.benchmarks.jmh;

import io.tandem.bench.Workloads;
import io.tandem.process.Codec;
import io.tandem.process.Codecs;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.Serializable;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * What a process pool pays per message to turn a value into bytes and back, on one thread, for the two
 * built-in codecs: {@code Codecs.fory()} (Apache Fory, the default) against {@code Codecs.java()}, which is
 * plain JDK serialization ({@code ObjectOutputStream}/{@code ObjectInputStream}, plus an input filter) and so
 * is the JDK baseline. {@code roundTrip} is {@code decode(encode(v))}, what one argument or result costs
 * across a worker boundary minus the socket; {@code encode} is the sending half alone. Payloads: a boxed
 * {@code Long} (a tiny task's item or result), a small record, a {@code List} of 1,000 boxed longs and an
 * 8 KB {@code byte[]}. The codecs are built once per trial, as a pool builds one and shares it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class CodecBenchmark {

    /** A small value object: Fory needs nothing, JDK serialization needs {@link Serializable}. */
    public record Sample(long id, String name, double score) implements Serializable {
    }

    @Param({"fory", "java"})
    public String codec;

    @Param({"long", "record", "list1k", "bytes8k"})
    public String payload;

    private Codec c;
    private Object value;

    @Setup(Level.Trial)
    public void setUp() {
        c = switch (codec) {
            case "fory" -> Codecs.fory();
            case "java" -> Codecs.java();
            default -> throw new IllegalArgumentException(codec);
        };
        value = switch (payload) {
            case "long" -> Long.valueOf(123_456_789L);
            case "record" -> new Sample(42, "sample-42", 0.5);
            case "list1k" -> Workloads.longs(1_000);   // an ArrayList, what callers usually hold
            case "bytes8k" -> {
                byte[] b = new byte[8 * 1024];
                ThreadLocalRandom.current().nextBytes(b);
                yield b;
            }
            default -> throw new IllegalArgumentException(payload);
        };
        Object back = c.decode(c.encode(value));
        if (!Objects.deepEquals(value, back)) {
            throw new IllegalStateException(codec + " does not round-trip the " + payload + " payload");
        }
    }

    @Benchmark
    public Object roundTrip() {
        return c.decode(c.encode(value));
    }

    @Benchmark
    public byte[] encode() {
        return c.encode(value);
    }
}
