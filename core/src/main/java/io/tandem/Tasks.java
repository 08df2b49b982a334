package io.tandem;


import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;

/**
 * Operations over groups of tasks: Python's {@code asyncio.gather}, {@code as_completed} and
 * {@code concurrent.futures.wait}.
 *
 * <ul>
 *   <li>{@link #gather} waits for all and returns values in order; the first failure cancels the rest
 *       and is thrown.
 *   <li>{@link #settle} waits for all and returns every {@link Outcome} (like {@code return_exceptions=True}).
 *   <li>{@link #asCompleted} iterates tasks in the order they finish.
 *   <li>{@link #waitFor} waits until the first completes, the first fails, or all complete.
 * </ul>
 *
 * <p>Thread safety: every method may be called from any thread, and several at once over the same tasks.
 * Blocking methods respond to interrupts.
 */
public final class Tasks {
    private Tasks() {
    }

    /** When {@link #waitFor} returns, as in {@code concurrent.futures.wait(return_when=...)}. */
    public enum WaitMode {
        /** As soon as any task is done (succeeded, failed or cancelled). */
        FIRST_COMPLETED,
        /** As soon as any task fails, or when all are done. */
        FIRST_EXCEPTION,
        /** When all are done. */
        ALL_COMPLETED
    }

    /**
     * What {@link #waitFor} found: the tasks done and those still pending, each in input order.
     *
     * @param <T> the result type
     */
    public record Done<T>(List<Task<T>> done, List<Task<T>> pending) {
        public Done {
            done = List.copyOf(done);
            pending = List.copyOf(pending);
        }
    }

    /**
     * Waits for every task and returns their values in input order.
     *
     * @throws java.util.concurrent.CompletionException wrapping the first failure (in completion order);
     *         every other task has been cancelled by then
     * @throws java.util.concurrent.CancellationException if a task was cancelled or the caller interrupted
     */
    public static <T> List<T> gather(Collection<? extends Task<? extends T>> tasks) {
        return TaskSets.gather(tasks);
    }

    /** Waits for every task and returns every outcome, in input order; never throws for a failed task. */
    public static <T> List<Outcome<T>> settle(Collection<? extends Task<? extends T>> tasks) {
        return TaskSets.settle(tasks);
    }

    /**
     * The tasks in the order they complete; {@code next()} blocks until one does. Each task is yielded once.
     */
    public static <T> Iterable<Task<T>> asCompleted(Collection<? extends Task<T>> tasks) {
        return TaskSets.asCompleted(tasks, null);
    }

    /**
     * Like {@link #asCompleted(Collection)}, but {@code next()} throws an unchecked
     * {@link java.util.concurrent.CompletionException} wrapping a {@link TimeoutException} once
     * {@code timeout} (counted from this call) has passed with tasks still pending.
     */
    public static <T> Iterable<Task<T>> asCompleted(Collection<? extends Task<T>> tasks, Duration timeout) {
        return TaskSets.asCompleted(tasks, requirePositive(timeout));
    }

    /** Waits as {@code mode} says, without a time limit. */
    public static <T> Done<T> waitFor(Collection<? extends Task<T>> tasks, WaitMode mode) throws InterruptedException {
        return TaskSets.waitFor(tasks, mode, null);
    }

    /** Waits as {@code mode} says, or until {@code timeout} passes; returns what is done by then. */
    public static <T> Done<T> waitFor(Collection<? extends Task<T>> tasks, WaitMode mode, Duration timeout)
            throws InterruptedException {
        return TaskSets.waitFor(tasks, mode, requirePositive(timeout));
    }

    /** The set of tasks in {@code tasks} that are done now, without waiting. */
    public static <T> Set<Task<T>> doneNow(Collection<? extends Task<T>> tasks) {
        return TaskSets.doneNow(tasks);
    }

    static Duration requirePositive(Duration timeout) {
        if (timeout == null) {
            throw new NullPointerException("timeout");
        }
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, got " + timeout);
        }
        return timeout;
    }

    /** Whether {@code f} ended in failure (not cancellation). */
    static boolean failed(Future<?> f) {
        return f.state() == Future.State.FAILED;
    }
}
