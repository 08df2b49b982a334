package io.tandem;


import io.tandem.function.SerializableCallable;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * Structured concurrency: tasks forked in a scope never outlive it. Python's {@code asyncio.TaskGroup}
 * with a deadline ({@code asyncio.timeout}), on a stable API (no preview features).
 *
 * {@snippet :
 * try (Scope scope = Scope.open().withTimeout(Duration.ofSeconds(2))) {
 *     Task<String> a = scope.fork(() -> fetch(u1));
 *     Task<String> b = scope.fork(() -> fetch(u2));
 *     scope.join();                  // first failure cancels siblings; all failures reported
 *     return a.join() + b.join();
 * }
 * }
 *
 * <h2>Policy</h2>
 * The first failing task cancels (interrupts) every other task of the scope. {@link #join()} waits for
 * every task to end, then throws one {@link ScopeFailedException} carrying every failure: the first as
 * its cause, the others suppressed. Tasks cancelled because of a sibling's failure are not failures.
 * When the deadline passes, every task still running is cancelled and {@code join} throws a
 * {@code ScopeFailedException} whose cause is a {@link java.util.concurrent.TimeoutException}.
 *
 * <h2>Deadlines bound {@code join}; {@code close} keeps the no-orphan guarantee</h2>
 * {@code join} returns (by throwing) at the deadline even if a task ignores its interruption: the caller
 * asked for a deadline and gets it. Java cannot stop a thread that does not cooperate, so such a task may
 * still be running when {@code join} throws; {@code close()} (the end of the try block) then waits for it
 * to exit, however long that takes, so that no task ever outlives its scope. Write tasks that respond to
 * interruption (blocking JDK calls do; a busy loop must check {@link Thread#interrupted()}) and the wait
 * in {@code close} is short.
 *
 * <h2>Lifecycle and ownership</h2>
 * The thread that opened the scope owns it: only it may call {@link #join()} and {@link #close()}
 * (others get a {@link WrongThreadException}). Any thread may {@link #fork}, including tasks of the scope
 * itself, until the scope is closed. {@code close()} cancels what is still running and waits until every
 * task has ended; if nobody called {@code join} and a task failed, {@code close} throws the
 * {@code ScopeFailedException} itself, so a failure is never lost. Forking into a scope that is closed
 * throws {@link IllegalStateException}.
 *
 * <h2>Memory consistency effects</h2>
 * Actions of the owner before {@code fork} happen-before the forked task runs; actions of every task
 * happen-before {@code close} returns, and before {@code join} returns normally ({@code join} throwing at
 * the deadline gives no such guarantee for tasks that had not exited).
 */
public sealed interface Scope extends AutoCloseable permits ScopeImpl {

    /** A scope whose tasks each run on a new virtual thread. */
    static Scope open() {
        return ScopeImpl.open(null);
    }

    /** A scope whose tasks run on {@code pool}; closing the scope does not close the pool. */
    static Scope open(TaskPool pool) {
        if (pool == null) {
            throw new NullPointerException("pool");
        }
        return ScopeImpl.open(pool);
    }

    /** Sets a deadline {@code timeout} from now. Call before forking or at any time; the earliest deadline wins. */
    Scope withTimeout(Duration timeout);

    /** Sets an absolute deadline. */
    Scope withDeadline(Instant deadline);

    /** Reports every forked task to {@code progress}. */
    Scope withProgress(Progress progress);

    /** Forks a task into this scope. */
    <T> Task<T> fork(SerializableCallable<T> task);

    /** Forks a named task into this scope (the name shows in thread names and in failures). */
    <T> Task<T> fork(String name, SerializableCallable<T> task);

    /** Forks a {@link Callable} that need not be serializable. */
    <T> Task<T> fork(Callable<T> task);

    /**
     * Waits until every forked task has ended, or the first failure or the deadline cancels the rest.
     * At the deadline it throws at once, without waiting for cancelled tasks to exit ({@link #close()}
     * waits for them). May be called more than once (tasks forked after an earlier join are waited for too;
     * a join after the deadline with tasks still running throws again).
     *
     * @throws ScopeFailedException if any task failed or the deadline passed
     * @throws InterruptedException if the owner is interrupted while waiting; the tasks are cancelled
     */
    void join() throws InterruptedException;

    /**
     * Cancels any task still running, waits until all have ended, and reports a failure nobody joined.
     *
     * @throws ScopeFailedException if a task failed and {@link #join()} did not report it
     */
    @Override
    void close();
}
