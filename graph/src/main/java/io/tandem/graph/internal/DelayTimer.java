package io.tandem.graph.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one run's delayed actions (attempt timeouts, retry backoffs) on a single virtual thread that
 * starts on first use, so a run without timeouts or backoffs starts no thread, and stops when the
 * run completes. The actions run on the timer thread and must only post to the scheduler's inbox or
 * cancel a task.
 *
 * <p>{@link #schedule} and {@link #shutdown} are called by the scheduler loop only (see {@link Engine}).
 */
final class DelayTimer {
    private ScheduledExecutorService executor;

    /** Runs {@code action} after {@code delay}. */
    ScheduledFuture<?> schedule(Runnable action, Duration delay) {
        if (executor == null) {
            executor = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("tandem-graph-timer").factory());
        }
        return executor.schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Drops pending actions and lets the thread end. It does not wait for it: the caller may be an
     * action itself (a retry whose signal completed the run).
     */
    void shutdown() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
