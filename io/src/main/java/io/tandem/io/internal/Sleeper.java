package io.tandem.io.internal;

import java.time.Duration;

/**
 * How a {@code Fetch} waits between attempts: {@link #REAL} in use, a recorder in tests (so a test of
 * backoff and {@code Retry-After} checks the waits asked for instead of timing them).
 *
 * <p>Concurrency: called from many request threads at once; must respond to interrupts.
 */
@FunctionalInterface
public interface Sleeper {
    /** Sleeps on the calling thread. */
    Sleeper REAL = Thread::sleep;

    /** Waits {@code delay} (zero returns at once). */
    void sleep(Duration delay) throws InterruptedException;
}
