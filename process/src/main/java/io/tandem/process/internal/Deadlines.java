package io.tandem.process.internal;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Everything the pool does later: task timeouts, the kill of a worker whose cancelled task did not stop
 * within the grace period, and the wait before a retry. One timer thread (started on first use, stopped
 * and joined by {@link #close}) keeps the deadlines; each action runs on a virtual thread of its own,
 * because it may complete a task (running the task's callbacks) or write to a socket. An action checks
 * under the pool lock that what it was armed for still holds (the task is still running where it was),
 * so nothing has to be disarmed. Thread-safe.
 */
final class Deadlines implements AutoCloseable {
    private final Scheduler scheduler;
    private final String poolName;
    private final Duration taskTimeout;
    private final Duration cancelGrace;
    private final ScheduledThreadPoolExecutor timer;

    /** @param taskTimeout null for no timeout */
    Deadlines(Scheduler scheduler, String poolName, Duration taskTimeout, Duration cancelGrace) {
        this.scheduler = scheduler;
        this.poolName = poolName;
        this.taskTimeout = taskTimeout;
        this.cancelGrace = cancelGrace;
        this.timer = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon(true).name(poolName + "-deadlines").factory());
        timer.setRemoveOnCancelPolicy(true);
    }

    /** {@code t} became its worker's running task: fail and stop it if it is still running there after the timeout. */
    void armTimeout(RemoteTask<?> t) {
        if (taskTimeout == null) {
            return;
        }
        long stamp = scheduler.headStamp(t);
        after(taskTimeout, () -> {
            WorkerHandle w = scheduler.runningSince(t, stamp);
            if (w != null && t.failRemotely(new TimeoutException("task " + t.name() + " ran longer than its timeout of "
                    + taskTimeout + " in worker process " + w.pid() + "; it was interrupted there"))) {
                scheduler.abandon(t);
            }
        });
    }

    /** {@code t} was told to stop in worker {@code w}: kill the worker if it still runs {@code t} after the grace. */
    void armGraceKill(WorkerHandle w, RemoteTask<?> t) {
        after(cancelGrace, () -> {
            if (scheduler.stillIn(w, t)) {
                w.rememberStderr("[tandem] killed: task " + t.name() + " did not stop within "
                        + cancelGrace + " of being cancelled");
                w.kill();
            }
        });
    }

    /** Runs {@code action} on a virtual thread after {@code delay}; nothing once closed. */
    void after(Duration delay, Runnable action) {
        try {
            timer.schedule(() -> {
                Thread.ofVirtual().name(poolName + "-deadline").start(action);
            }, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // closed: the pool's tasks have all exited, so no deadline matters any more
        }
    }

    /** Drops the deadlines not yet due and joins the timer thread. Called once every task has exited. */
    @Override
    public void close() {
        timer.shutdownNow();
        boolean interrupted = false;
        while (true) {
            try {
                timer.awaitTermination(10, TimeUnit.SECONDS);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
