package io.tandem;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A unit of work submitted to a {@link TaskPool} or forked in a {@link Scope}: a {@link Future} with a
 * name, an unchecked {@link #join()}, completion callbacks and a bridge to {@link CompletableFuture}.
 *
 * <h2>Results and exceptions</h2>
 * {@link #get()} throws {@link ExecutionException} (checked), {@link #join()} throws
 * {@link CompletionException} (unchecked), both with the task's exception as cause; a cancelled task
 * throws {@link CancellationException}. {@link #outcome()} gives the same as a value.
 *
 * <h2>Cancellation</h2>
 * {@code cancel(true)} interrupts the thread running the task; {@code cancel(false)} only stops a task
 * that has not started. Once cancelled, {@link #state()} is {@link Future.State#CANCELLED} at once, even
 * if the body is still unwinding.
 *
 * <h2>Blocking</h2>
 * {@code join} and {@code get} may be called from any thread, including a worker of the same pool:
 * there they let the pool add a compensating worker, so nested submission does not deadlock.
 * They respond to interrupts ({@code join} restores the interrupt flag and throws
 * {@link CancellationException}).
 *
 * <h2>Failures are never lost</h2>
 * A task's exception reaches whoever calls {@code get}, {@code join}, {@code exceptionNow} or
 * {@code outcome}, or registers {@code onComplete}. A failure that nobody observed by the time the pool
 * closes is handed to the pool's uncaught-failure handler (which logs it by default).
 *
 * <h2>Memory consistency effects</h2>
 * Actions in the task happen-before actions that follow a successful return of {@code get}, {@code join}
 * or {@code outcome}, and before callbacks registered with {@link #onComplete} run.
 *
 * @param <T> the result type
 */
public interface Task<T> extends Future<T> {

    /** The task's name: given at submission, or generated ({@code pool-name#sequence}). */
    String name();

    /**
     * Waits for the result and returns it.
     *
     * @throws CompletionException   wrapping the task's exception
     * @throws CancellationException if the task was cancelled, or the caller was interrupted while
     *                               waiting (the interrupt flag is then set again)
     */
    T join();

    /**
     * Waits at most {@code timeout} for the result.
     *
     * @throws TimeoutException if the task is still running when the timeout passes (it keeps running)
     */
    T get(Duration timeout) throws InterruptedException, ExecutionException, TimeoutException;

    /** How the task ended; waits for it to end first (like {@link #join()}, but never throws for a failed task). */
    Outcome<T> outcome();

    /**
     * Runs {@code callback} once the task is done (at once, in the caller, if it already is; otherwise in
     * the thread that completes the task). An exception thrown by the callback goes to the pool's
     * uncaught-failure handler, never back into the task. Registering a callback counts as observing the
     * task's failure.
     *
     * @return this task
     */
    Task<T> onComplete(Consumer<? super Outcome<T>> callback);

    /**
     * A {@link CompletableFuture} completed with this task's result. Cancelling the returned future
     * cancels this task (with interruption).
     */
    CompletableFuture<T> toCompletableFuture();
}
