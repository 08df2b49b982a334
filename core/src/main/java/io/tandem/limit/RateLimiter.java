package io.tandem.limit;

import io.tandem.internal.Checks;
import io.tandem.limit.GcraRateLimiter;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * At most {@code permits} acquisitions per {@code period}, spread evenly (one every
 * {@code period / permits}), with an optional burst: up to {@code burst} acquisitions may happen back to
 * back after a quiet spell. It is the generic cell rate algorithm (GCRA), equivalent to a token bucket of
 * {@code burst} tokens refilled at {@code permits / period}.
 *
 * {@snippet :
 * RateLimiter api = RateLimiter.of(10, Duration.ofSeconds(1));            // 10/s, one every 100 ms
 * RateLimiter bursty = RateLimiter.builder(10, Duration.ofSeconds(1)).burst(10).build();
 * for (Request r : requests) {
 *     api.acquire();                                                      // waits its turn
 *     send(r);
 * }
 * }
 *
 * <p>Acquisitions are reservations, not permits to give back: nothing is released. A caller of
 * {@link #acquire()} reserves the next free slot at once and then sleeps until it comes, so waiters are
 * served in the order they reserved.
 *
 * <h2>Thread safety and blocking</h2>
 * Every method may be called from any thread. The core is lock-free: one compare-and-set on the time of
 * the next free slot. {@link #tryAcquire()} never blocks. {@link #acquire()} and
 * {@link #tryAcquire(Duration)} sleep (through the configured {@link Sleeper}) and throw
 * {@link InterruptedException} when interrupted; the slot they reserved is then given back if no later
 * caller has reserved after it, and otherwise stays used (the rate is never exceeded, only under-used).
 *
 * <h2>Time</h2>
 * Time comes from an injectable nanosecond source ({@link System#nanoTime()} by default) and waiting
 * from an injectable {@link Sleeper}, so tests can drive it with a fake clock.
 *
 * <h2>Memory consistency effects</h2>
 * None beyond those of a volatile variable: this class orders acquisitions in time, not memory.
 */
public interface RateLimiter {

    /** {@code permits} per {@code period}, evenly spaced, burst 1, on the system clock. */
    static RateLimiter of(int permits, Duration period) {
        return builder(permits, period).build();
    }

    /** A builder for {@code permits} per {@code period}; set the burst and time source there. */
    static Builder builder(int permits, Duration period) {
        return new Builder(permits, period);
    }

    /** Waits until the caller's turn comes (at once if a slot is free now). */
    void acquire() throws InterruptedException;

    /** Takes a slot if one is free now; otherwise returns {@code false} and changes nothing. */
    boolean tryAcquire();

    /**
     * Takes a slot if one comes within {@code timeout}, waiting for it; returns {@code false} at once
     * (without waiting) when the next free slot is further away than that.
     */
    boolean tryAcquire(Duration timeout) throws InterruptedException;

    /** The configured permits per period. */
    int permits();

    /** The configured period. */
    Duration period();

    /** The most acquisitions that may happen back to back. */
    int burst();

    /** Waits a number of nanoseconds; injected so tests need no real time. */
    @FunctionalInterface
    interface Sleeper {
        /** The system's sleeper: parks the calling thread. */
        Sleeper SYSTEM = nanos -> TimeUnit.NANOSECONDS.sleep(nanos);

        /** Sleeps about {@code nanos} (> 0) nanoseconds; throws when interrupted. */
        void sleep(long nanos) throws InterruptedException;
    }

    /**
     * Configures a {@link RateLimiter}; every setter checks its argument at once. Not thread-safe: build
     * on one thread, then share the limiter.
     */
    final class Builder {
        private final int permits;
        private final Duration period;
        private int burst = 1;
        private LongSupplier nanoTime = System::nanoTime;
        private Sleeper sleeper = Sleeper.SYSTEM;

        private Builder(int permits, Duration period) {
            Checks.positive(permits, "permits");
            long periodNanos = Checks.positiveNanos(period, "period");
            if (periodNanos / permits < 1) {
                throw new IllegalArgumentException("period / permits must be at least 1 ns, got " + period + " / "
                        + permits + "; use a longer period or fewer permits");
            }
            this.permits = permits;
            this.period = period;
        }

        /** Allows up to {@code burst} back-to-back acquisitions after a quiet spell (default 1: smooth). */
        public Builder burst(int burst) {
            this.burst = Checks.positive(burst, "burst");
            return this;
        }

        /** The time source in nanoseconds, like {@link System#nanoTime()} (the default). */
        public Builder nanoTime(LongSupplier nanoTime) {
            this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime must not be null; pass System::nanoTime");
            return this;
        }

        /** How to wait (default: {@link Sleeper#SYSTEM}). */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper must not be null; pass Sleeper.SYSTEM");
            return this;
        }

        public RateLimiter build() {
            return new GcraRateLimiter(permits, period, burst, nanoTime, sleeper);
        }
    }
}
