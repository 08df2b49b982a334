package io.tandem.process.internal;

import io.tandem.spi.PoolListeners;
import io.tandem.spi.TaskHandle;

/**
 * The process backend's record of one task: its encoded payload (made at submission, so a task that
 * cannot travel fails there) and where it is. Core's {@link TaskHandle} holds the result and the life
 * cycle; this object is its attachment. Its placement (which worker has it, how many attempts it spent, since
 * when it is its worker's oldest task) is guarded by the pool lock ({@link Scheduler}).
 *
 * <p>Attempts. An attempt is spent only when the task's body started in a worker that then died (the worker
 * marks each task it starts, see {@link StartedMark}). Being sent to a worker is not an attempt: a task that
 * only waited in a dead worker's pipeline goes back to the queue with its attempts untouched.
 */
final class RemoteTask<T> {
    final TaskHandle<T> handle;
    final byte frameType;
    final byte[] payload;
    final FnRef fn;            // for chunk tasks: the function defined once per worker
    final long wireId;
    private int attemptsDied;  // pool lock; started attempts whose worker died
    private WorkerHandle worker; // pool lock; null while pending
    private long headSinceNanos; // pool lock; when it became the oldest task of its worker, 0 if it is not

    @SuppressWarnings("unchecked")
    RemoteTask(TaskHandle<?> handle, byte frameType, byte[] payload, FnRef fn) {
        this.handle = (TaskHandle<T>) handle;
        this.frameType = frameType;
        this.payload = payload;
        this.fn = fn;
        this.wireId = handle.id();
    }

    /** Pool lock. It was written to {@code w}; no attempt is spent until its body starts there. */
    void sentTo(WorkerHandle w) {
        worker = w;
        if (PoolListeners.current().length > 0) { // observers (a dashboard) see which worker has it
            handle.startedOn(w.info(), attemptsDied + 1); // the attempt it will run if its body starts
        }
    }

    /** Pool lock. Its worker answered it or died. */
    void leftWorker() {
        worker = null;
        headSinceNanos = 0;
    }

    /** Pool lock. The worker that has it, or null while it waits for one. */
    WorkerHandle worker() {
        return worker;
    }

    /** Pool lock. Its body had started in a worker that died: that attempt is spent; returns its number (1 for the first). */
    int attemptDied() {
        return ++attemptsDied;
    }

    /** Pool lock. It became its worker's oldest task, the one running there; true if it was not already. */
    boolean becameHead() {
        if (headSinceNanos != 0) {
            return false;
        }
        headSinceNanos = System.nanoTime();
        return true;
    }

    /** Pool lock. When it became its worker's oldest task (a stamp for timeouts), 0 if it is not. */
    long headSince() {
        return headSinceNanos;
    }

    String name() {
        return handle.name();
    }

    boolean isDone() {
        return handle.isDone();
    }

    boolean start() {
        return handle.markStarted();
    }

    void exit() {
        handle.markExited();
    }

    /** Back to not started after its worker died before running it. False if it was cancelled meanwhile. */
    boolean requeue() {
        return handle.markNotStarted();
    }

    boolean completeRemotely(T value) {
        return handle.complete(value);
    }

    boolean failRemotely(Throwable error) {
        return handle.fail(error);
    }

    @Override
    public String toString() {
        return handle.toString();
    }

    /** A function sent to workers once, under an id. */
    record FnRef(long id, byte[] bytes) {
    }
}
