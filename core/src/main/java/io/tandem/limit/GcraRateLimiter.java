package io.tandem.limit;

import io.tandem.internal.Checks;
import io.tandem.limit.RateLimiter;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/*
 * Generic cell rate algorithm, lock-free.
 *
 * State: tat, the "theoretical arrival time" of the next acquisition when the rate is used evenly.
 * An acquisition at time now is allowed when tat - now <= tau, where tau = (burst - 1) * interval is
 * how far ahead of the even schedule callers may run; it then moves tat to max(tat, now) + interval.
 * Blocking callers reserve the same way but accept tat - now > tau and sleep the difference.
 *
 * The whole state is one long, so an acquisition is one compare-and-set; a failed CAS means another
 * caller took the slot and we retry with the new tat. All comparisons use differences, so the arithmetic
 * is correct across nanoTime wrap-around.
 */
final class GcraRateLimiter implements RateLimiter {
    private final int permits;
    private final Duration period;
    private final int burst;
    private final long interval;
    private final long tau;
    private final LongSupplier nanoTime;
    private final RateLimiter.Sleeper sleeper;
    private final AtomicLong tat;

    public GcraRateLimiter(int permits, Duration period, int burst, LongSupplier nanoTime, Sleeper sleeper) {
        this.permits = permits;
        this.period = period;
        this.burst = burst;
        this.interval = period.toNanos() / permits;
        try {
            this.tau = Math.multiplyExact(burst - 1L, interval);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("burst " + burst + " times the interval " + interval
                    + " ns overflows; use a smaller burst", e);
        }
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.tat = new AtomicLong(nanoTime.getAsLong());
    }

    @Override
    public boolean tryAcquire() {
        for (;;) {
            long t = tat.get();
            long now = nanoTime.getAsLong();
            long start = t - now > 0 ? t : now;
            if (start - now > tau) {
                return false;
            }
            if (tat.compareAndSet(t, start + interval)) {
                return true;
            }
        }
    }

    @Override
    public void acquire() throws InterruptedException {
        awaitReservation(Long.MAX_VALUE);
    }

    @Override
    public boolean tryAcquire(Duration timeout) throws InterruptedException {
        return awaitReservation(Checks.nonNegativeNanos(timeout, "timeout"));
    }

    /** Reserves a slot no further than {@code maxWait} away and sleeps until it; false if there is none. */
    private boolean awaitReservation(long maxWait) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        for (;;) {
            long t = tat.get();
            long now = nanoTime.getAsLong();
            long start = t - now > 0 ? t : now;
            long wait = Math.max(0, start - now - tau);
            if (wait > maxWait) {
                return false;
            }
            long next = start + interval;
            if (tat.compareAndSet(t, next)) {
                if (wait > 0) {
                    try {
                        sleeper.sleep(wait);
                    } catch (InterruptedException e) {
                        // Give the slot back unless someone reserved after us (then it stays used: safe).
                        tat.compareAndSet(next, t);
                        throw e;
                    }
                }
                return true;
            }
        }
    }

    @Override
    public int permits() {
        return permits;
    }

    @Override
    public Duration period() {
        return period;
    }

    @Override
    public int burst() {
        return burst;
    }

    @Override
    public String toString() {
        return "RateLimiter[" + permits + " per " + Checks.human(period) + ", burst " + burst + "]";
    }
}
