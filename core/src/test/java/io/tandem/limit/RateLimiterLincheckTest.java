package io.tandem.limit;

import io.tandem.limit.RateLimiter;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Model-checks the lock-free GCRA core of {@link RateLimiter}: tryAcquire, a timed tryAcquire (whose
 * sleeper returns at once, so the reservation path runs without blocking) and clock moves are
 * linearizable against the same class run sequentially.
 */
public class RateLimiterLincheckTest {
    private final Clock clock = new Clock(Long.MAX_VALUE - 25); // wraps during the scenario
    private final RateLimiter limiter = RateLimiter.builder(1, Duration.ofNanos(10)).burst(2)
            .nanoTime(clock).sleeper(nanos -> { }).build();

    /** A class, not a capturing lambda, so Lincheck can see its state. */
    private static final class Clock extends AtomicLong implements LongSupplier {
        Clock(long start) {
            super(start);
        }

        @Override
        public long getAsLong() {
            return get();
        }
    }

    @Operation
    public boolean tryAcquire() {
        return limiter.tryAcquire();
    }

    @Operation
    public boolean tryAcquireWithin(@Param(gen = IntGen.class, conf = "0:15") int timeoutNanos)
            throws InterruptedException {
        return limiter.tryAcquire(Duration.ofNanos(timeoutNanos));
    }

    @Operation
    public void advance(@Param(gen = IntGen.class, conf = "1:12") int nanos) {
        clock.addAndGet(nanos);
    }

    @Test
    void modelChecking() {
        new ModelCheckingOptions()
                .iterations(10 * Integer.getInteger("tandem.stressScale", 1))
                .invocationsPerIteration(500)
                .threads(3)
                .actorsPerThread(3)
                .check(getClass());
    }

    @Test
    void stress() {
        new StressOptions()
                .iterations(10 * Integer.getInteger("tandem.stressScale", 1))
                .invocationsPerIteration(1_000)
                .threads(3)
                .actorsPerThread(3)
                .check(getClass());
    }
}
