package io.tandem.process;

import org.jetbrains.lincheck.datastructures.LongGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Checks that {@link SharedLong}'s operations are linearizable with {@link AtomicLong}'s semantics as the
 * sequential specification. Lincheck runs in one process; atomicity across processes rests on the same
 * hardware atomics, which {@link SharedMemoryCrossProcessTest} and {@link SharedLockStressTest} exercise.
 *
 * <p>Lincheck builds one test instance per invocation (thousands); each would otherwise create and map a
 * file, so all instances share one segment that the constructor resets.
 */
@Param(name = "v", gen = LongGen.class, conf = "-2:2")
public class SharedLongLincheckTest {
    private static final SharedLong SHARED = SharedLong.create(0);

    private final SharedLong value = SHARED;

    public SharedLongLincheckTest() {
        value.set(0);
    }

    @AfterAll
    static void deleteTheSegment() {
        SHARED.close();
    }

    @Operation
    public long get() {
        return value.get();
    }

    @Operation
    public void set(@Param(name = "v") long v) {
        value.set(v);
    }

    @Operation
    public long getAndSet(@Param(name = "v") long v) {
        return value.getAndSet(v);
    }

    @Operation
    public long addAndGet(@Param(name = "v") long delta) {
        return value.addAndGet(delta);
    }

    @Operation
    public long getAndAdd(@Param(name = "v") long delta) {
        return value.getAndAdd(delta);
    }

    @Operation
    public long incrementAndGet() {
        return value.incrementAndGet();
    }

    @Operation
    public boolean compareAndSet(@Param(name = "v") long expected, @Param(name = "v") long update) {
        return value.compareAndSet(expected, update);
    }

    @Operation
    public long updateAndGet(@Param(name = "v") long factor) {
        return value.updateAndGet(x -> x * factor + 1);
    }

    @Test
    void modelChecking() {
        new ModelCheckingOptions()
                .iterations(10 * Integer.getInteger("tandem.stressScale", 1))
                .invocationsPerIteration(500)
                .threads(3)
                .actorsPerThread(3)
                .sequentialSpecification(AtomicLongSpec.class)
                .check(getClass());
    }

    @Test
    void stress() {
        new StressOptions()
                .iterations(10 * Integer.getInteger("tandem.stressScale", 1))
                .invocationsPerIteration(1_000)
                .threads(3)
                .actorsPerThread(3)
                .sequentialSpecification(AtomicLongSpec.class)
                .check(getClass());
    }

    /** The sequential specification: the same operations on a plain {@link AtomicLong}. */
    public static final class AtomicLongSpec {
        private final AtomicLong value = new AtomicLong();

        public long get() {
            return value.get();
        }

        public void set(long v) {
            value.set(v);
        }

        public long getAndSet(long v) {
            return value.getAndSet(v);
        }

        public long addAndGet(long delta) {
            return value.addAndGet(delta);
        }

        public long getAndAdd(long delta) {
            return value.getAndAdd(delta);
        }

        public long incrementAndGet() {
            return value.incrementAndGet();
        }

        public boolean compareAndSet(long expected, long update) {
            return value.compareAndSet(expected, update);
        }

        public long updateAndGet(long factor) {
            return value.updateAndGet(x -> x * factor + 1);
        }
    }
}
