package io.tandem.spi;

import io.tandem.Task;

import java.util.concurrent.Callable;

/**
 * Core's side of one accepted task, as a {@link PoolBackend} sees it: the work to do and the switches the
 * backend throws as the task runs. Core owns the result state, callbacks, cancellation, the pool's
 * accounting and failure reporting; the backend only runs the work (here or elsewhere) and says what
 * happened.
 *
 * <p>Two ways to run a task:
 * <ul>
 *   <li><b>In this JVM</b>: call {@link #run()} on a thread of the backend's choosing. It runs the body,
 *       records the outcome and reports the exit; a task cancelled before that makes {@code run()} a no-op.</li>
 *   <li><b>Elsewhere</b> (another process): {@link #markStarted()} when the work is handed over (false: it was
 *       cancelled, do not send it), then {@link #complete}/{@link #fail} with what came back, and
 *       {@link #markExited()} once the remote body has ended (or will never run). A runner that died before
 *       the task began may give it back with {@link #markNotStarted()} and send it elsewhere.</li>
 * </ul>
 *
 * <p>Concurrency: every method is thread-safe. {@code complete}, {@code fail} and cancellation race
 * safely: the first wins, the others return {@code false}. {@code markExited} is idempotent. Completing a
 * task runs its callbacks in the completing thread, so a backend must not hold its own locks while it
 * completes a task.
 *
 * @param <T> the task's result type
 */
public interface TaskHandle<T> extends Runnable {
    /** The task as its submitter sees it. */
    Task<T> task();

    /** The task's name (given, or generated from the pool's name and {@link #id()}). */
    String name();

    /** A number unique within the pool, in submission order. */
    long id();

    /**
     * What to run: the submitted callable, a runnable adapted to a callable, or a {@link MapChunk} for a
     * chunk of a {@code map}. Serializable when the submitted work was.
     */
    Callable<T> callable();

    /**
     * A short label for the kind of work, for grouping in dashboards and traces: the name given at
     * submission, else what the submitted work says of itself ({@link TaskLabel}), else a label derived
     * from its class ("map" for the chunks of a map). Never null; cheap (no string is built per task).
     */
    default String label() {
        return name();
    }

    /**
     * Backends that run tasks elsewhere call this when they hand attempt number {@code attempt} (1 for the
     * first) to {@code worker}, after {@link #markStarted()}; observers hear it as
     * {@link PoolListener#taskStarted}. A no-op while nobody observes.
     */
    default void startedOn(WorkerInfo worker, int attempt) {
    }

    /**
     * Where the last attempt started, as recorded while someone observes pools ({@code null} if nothing was
     * recorded): the worker a backend reported, or the thread that ran the body in this JVM.
     */
    default WorkerInfo worker() {
        return null;
    }

    /** The number of the last attempt recorded while observed (1 for the first), 0 if none was. */
    default int attempt() {
        return 0;
    }

    /**
     * {@link System#nanoTime()} when the last attempt started, as recorded while observed; 0 if none was, or
     * if it was a tiny task left untimed ({@link io.tandem.Monitor.TaskEvent#timed()}).
     */
    default long startNanos() {
        return 0;
    }

    /** What the user submitted (the runnable behind an adapter, the callable itself), for error messages. */
    Object submitted();

    /** What {@link PoolBackend#prepare} returned for this task ({@code null} if nothing). */
    Object attachment();

    /** Runs the body in the calling thread: for in-process backends. A no-op if already started or cancelled. */
    @Override
    void run();

    /** The body is handed to a runner elsewhere. False if the task was cancelled first: then do not send it. */
    boolean markStarted();

    /** A started task goes back to not started (its runner died before it began). False if it is done. */
    boolean markNotStarted();

    /** The remote body has ended or will never run; the pool may terminate once every task has exited. */
    void markExited();

    /** Completes the task with a value. False if it was already done (cancelled, failed, completed). */
    boolean complete(T value);

    /** Fails the task. False if it was already done. */
    boolean fail(Throwable error);

    /** Whether the task's result is final. */
    boolean isDone();

    /** Whether the task was cancelled. */
    boolean isCancelled();

    /** Whether the body started (false for a task cancelled while queued). */
    boolean started();
}
