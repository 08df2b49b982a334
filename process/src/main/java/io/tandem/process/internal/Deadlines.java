package io.tandem.process.internal;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Everything the pool does later: task timeouts, the kill of a worker whose cancelled task did not stop
 * within the grace period, the wait before a retry and before a worker is started again after early deaths.
 * One timer thread (started on first use, stopped and joined by {@link #close}) keeps the deadlines and
 * checks, under the pool lock, that what each was armed for still holds (the task is still running where it
 * was), so nothing has to be disarmed. An action that may complete a task (running the task's callbacks) or
 * start a worker runs on a platform thread of its own, joined by {@link #close}: never on a virtual thread,
 * so the pool's own machinery works even when every carrier of the virtual-thread scheduler is busy or
 * pinned by the application. Thread-safe.
 */
final class Deadlines implements AutoCloseable {
    private final Scheduler scheduler;
    private final String poolName;
    private final Duration taskTimeout;
    private final Duration cancelGrace;
    private final ScheduledThreadPoolExecutor timer;
    private final Set<Thread> actions = ConcurrentHashMap.newKeySet();

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
        onTimer(taskTimeout, () -> {
            WorkerHandle w = scheduler.runningSince(t, stamp);
            if (w != null) {
                onOwnThread(() -> {
                    if (t.failRemotely(new TimeoutException("task " + t.name() + " ran longer than its timeout of "
                            + taskTimeout + " in worker process " + w.pid() + "; it was interrupted there"))) {
                        scheduler.abandon(t);
                    }
                });
            }
        });
    }

    /** {@code t} was told to stop in worker {@code w}: kill the worker if it still runs {@code t} after the grace. */
    void armGraceKill(WorkerHandle w, RemoteTask<?> t) {
        onTimer(cancelGrace, () -> {
            if (scheduler.stillIn(w, t)) {
                w.rememberStderr("[tandem] killed: task " + t.name() + " did not stop within "
                        + cancelGrace + " of being cancelled");
                w.kill();
            }
        });
    }

    /** Runs {@code action} on a platform thread of its own after {@code delay}; nothing once closed. */
    void after(Duration delay, Runnable action) {
        onTimer(delay, () -> onOwnThread(action));
    }

    /** Runs {@code check} on the timer thread after {@code delay}: it must be quick and never block. */
    private void onTimer(Duration delay, Runnable check) {
        try {
            timer.schedule(check, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // closed: the pool's tasks have all exited, so no deadline matters any more
        }
    }

    private void onOwnThread(Runnable action) {
        Thread t = Thread.ofPlatform().daemon(true).name(poolName + "-deadline").unstarted(() -> {
            try {
                action.run();
            } finally {
                actions.remove(Thread.currentThread());
            }
        });
        actions.add(t);
        t.start();
    }

    /**
     * Drops the deadlines not yet due and joins the timer thread and the actions still running. Called once
     * every task has exited (an action still running then is finishing a step that no longer matters).
     */
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
        for (Thread t : List.copyOf(actions)) { // none starts after the timer ended
            if (t != Thread.currentThread()) {
                Join.quietly(t);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
