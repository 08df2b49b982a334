package io.tandem.spi;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * How a kind of pool runs tasks: the one extension point for pool kinds. Core builds the whole
 * {@link io.tandem.TaskPool} around a backend ({@link io.tandem.Pools.Builder#build(PoolBackend)}):
 * submission, tasks and their results, {@code map}/{@code imap}/{@code imapUnordered} chunking, fail-fast,
 * cancellation, the life cycle ({@code shutdown}, {@code close}, {@code awaitTermination}), unobserved
 * failure reporting and {@link PoolListener} events. The backend only decides where and when each task
 * runs, and reports what happened through its {@link TaskHandle}.
 *
 * <p>Life cycle: {@link #attach} once, then {@link #prepare} and {@link #dispatch} for every task (from
 * the submitting threads, concurrently), {@link #cancelled} for tasks cancelled after dispatch,
 * {@link #shutdown} once when the pool stops accepting tasks, and {@link #terminate} once after every task
 * has exited. {@code docs/new-pool-kind.md} walks through a complete backend.
 *
 * <p>Concurrency: {@code prepare}, {@code dispatch} and {@code cancelled} are called concurrently from any
 * thread and must be thread-safe; they must not block for long (dispatch queues, it does not wait for the
 * task). Core never holds a lock while calling the backend, and the backend must not hold its own locks
 * while it completes a task (callbacks run in the completing thread).
 */
public interface PoolBackend {
    /** A short name for the kind ("threads", "process"), used in generated pool names and events. */
    String kind();

    /** How many tasks run at the same time at most. */
    int parallelism();

    /** What this backend can do; constant for its life. */
    Set<Capability> capabilities();

    /** Called once, before any task, with what core gives the backend. */
    default void attach(PoolContext context) {
    }

    /**
     * Called in the submitting thread for each new task before the pool accepts it: check or encode its
     * work here; an exception rejects the submission (it reaches the submitter and nothing runs). The
     * value returned is kept as the task's {@link TaskHandle#attachment()}.
     */
    default Object prepare(TaskHandle<?> task) {
        return null;
    }

    /** Runs {@code task} now or later, here or elsewhere. Called once per accepted task. */
    void dispatch(TaskHandle<?> task);

    /**
     * {@code task} was cancelled after its body started: a backend whose tasks run elsewhere stops it there
     * (in-process bodies were already interrupted by core). Called once, in the cancelling thread.
     */
    default void cancelled(TaskHandle<?> task) {
    }

    /** How many chunks a lazy map keeps in flight. */
    default int mapWindow() {
        return Math.max(2, 2 * Math.min(parallelism(), Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Whether {@code thread} is one of this backend's own workers. A worker that waits for a queued task
     * of the same pool then runs it itself, so nested submission cannot deadlock a bounded pool.
     */
    default boolean isWorkerThread(Thread thread) {
        return false;
    }

    /** The pool stopped accepting tasks; queued and running ones still finish. Called once. */
    default void shutdown() {
    }

    /** {@code shutdownNow()}: after core cancelled every task, stop what still runs by force. */
    default void shutdownNow() {
    }

    /**
     * Every task has exited: release threads, processes, sockets and files. Called once, possibly from a
     * thread of the backend itself, so it must not wait there; the returned stage completes when everything
     * is released, and the pool counts as terminated only then.
     */
    default CompletionStage<Void> terminate() {
        return CompletableFuture.completedFuture(null);
    }

    /** The backend's own state for error messages and {@code toString} ("2 workers ready, 1 starting"). */
    default String describe() {
        return "";
    }
}
