package io.tandem.test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition instead of sleeping: polls with a short, growing pause and fails with a message
 * (and a thread dump) when the condition is still false after the timeout. The default timeout is
 * {@link #DEFAULT_TIMEOUT}, generous because CI machines are slow; a passing test never waits for it.
 */
public final class Await {
    /** 30 s, times {@code -Dtandem.awaitScale} (default 1). */
    public static final Duration DEFAULT_TIMEOUT =
            Duration.ofSeconds(30L * Long.getLong("tandem.awaitScale", 1L));

    private Await() {
    }

    /** Waits until {@code condition} is true; {@code what} names it in the failure message. */
    public static void await(String what, BooleanSupplier condition) {
        await(what, DEFAULT_TIMEOUT, condition);
    }

    /** Waits until {@code condition} is true, at most {@code timeout}. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pauseNanos = TimeUnit.MICROSECONDS.toNanos(50);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for: " + what
                        + "\n" + ThreadDump.allThreads());
            }
            LockSupport.parkNanos(pauseNanos);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what);
            }
            pauseNanos = Math.min(pauseNanos * 2, TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    /** Waits until {@code supplier} returns a non-null value and returns it. */
    public static <T> T awaitValue(String what, Supplier<T> supplier) {
        Object[] box = new Object[1];
        await(what, () -> (box[0] = supplier.get()) != null);
        @SuppressWarnings("unchecked")
        T value = (T) box[0];
        return value;
    }
}
