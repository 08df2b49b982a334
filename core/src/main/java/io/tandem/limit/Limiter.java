package io.tandem.limit;

import io.tandem.limit.LimiterTimeoutException;
import io.tandem.limit.SemaphoreLimiter;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * A counting semaphore whose permits are {@link AutoCloseable}: Python's {@code with semaphore:} as
 * try-with-resources. Use it to bound how many callers do something at once (database connections,
 * open files, requests to one service).
 *
 * {@snippet :
 * Limiter db = Limiter.of(4);
 * try (Limiter.Permit p = db.acquire()) {
 *     query();
 * }                                              // released here, exactly once
 * try (Limiter.Permit p = db.tryAcquire()) {     // null when none is free; try-with-resources skips null
 *     if (p == null) return "busy";
 *     return query();
 * }
 * }
 *
 * <p>Built on {@link java.util.concurrent.Semaphore}: {@link #of} barges (a caller may overtake waiting
 * threads, which is faster), {@link #fair} serves waiters first come, first served.
 *
 * <h2>Thread safety and blocking</h2>
 * Every method may be called from any thread. The {@code acquire} methods block until enough permits are
 * free and respond to interrupts by throwing {@link InterruptedException} (having taken nothing). The
 * {@code tryAcquire} methods never throw on the fast path: they return {@code null} when they get no
 * permit. A permit may be closed by any thread, not only the one that acquired it.
 *
 * <h2>Memory consistency effects</h2>
 * Actions before closing a permit happen-before actions after a successful acquire that obtains the
 * released permits (the guarantee of {@link java.util.concurrent.Semaphore}).
 *
 * <h2>Nulls</h2>
 * No argument may be null; durations must not be negative.
 */
public interface Limiter {

    /** A limiter with {@code permits} permits that lets callers barge ahead of waiters (fastest). */
    static Limiter of(int permits) {
        return new SemaphoreLimiter(permits, false);
    }

    /** A limiter with {@code permits} permits that hands them to waiters in arrival order. */
    static Limiter fair(int permits) {
        return new SemaphoreLimiter(permits, true);
    }

    /** Waits for one permit. */
    Permit acquire() throws InterruptedException;

    /**
     * Waits for {@code n} permits, taken together (all or nothing); the returned permit releases all
     * {@code n} when closed.
     *
     * @throws IllegalArgumentException if {@code n < 1} or {@code n > permits()} (it would wait forever)
     */
    Permit acquire(int n) throws InterruptedException;

    /**
     * Waits at most {@code timeout} for one permit.
     *
     * @throws LimiterTimeoutException if none became free in time; the message carries how many permits
     *                                 are free and how many threads wait
     */
    Permit acquire(Duration timeout) throws InterruptedException;

    /** One permit if one is free now, else {@code null}. Never blocks. */
    Permit tryAcquire();

    /** {@code n} permits if that many are free now, else {@code null}. Never blocks. */
    Permit tryAcquire(int n);

    /** One permit if one becomes free within {@code timeout}, else {@code null}. */
    Permit tryAcquire(Duration timeout) throws InterruptedException;

    /**
     * Runs {@code body} holding one permit (waiting for it first) and returns its result; the permit is
     * released however {@code body} ends. {@code body}'s exceptions propagate unchanged.
     */
    <T> T call(Callable<T> body) throws Exception;

    /** Runs {@code body} holding one permit (waiting for it first). */
    void run(Runnable body) throws InterruptedException;

    /** Permits free now: a snapshot, stale as soon as it returns. */
    int available();

    /** The number of permits this limiter was created with. */
    int permits();

    /** An estimate of the number of threads waiting for a permit (for monitoring, not for control). */
    int waiting();

    /**
     * Permission held from an acquire until {@link #close()}. Closing releases the permits exactly once:
     * a second close does nothing. Any thread may close it.
     */
    interface Permit extends AutoCloseable {

        /** How many permits this holds (1 unless acquired with a count). */
        int count();

        /** Whether {@link #close()} has been called. */
        boolean isClosed();

        /** Releases the permits, once; later calls do nothing. Never throws. */
        @Override
        void close();
    }
}
