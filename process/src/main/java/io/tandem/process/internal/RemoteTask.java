package io.tandem.process.internal;

import io.tandem.TaskImpl;

import java.util.concurrent.Callable;

/**
 * A task that runs in a worker process. Its payload is encoded at submission (so a task that cannot
 * travel fails there), and it is completed by the pool when the worker answers. Which worker has it and
 * since when are guarded by the pool's lock.
 */
final class RemoteTask<T> extends TaskImpl<T> {
    final byte frameType;
    final byte[] payload;
    final FnRef fn;            // for chunk tasks: the function defined once per worker
    final long wireId;
    int attempt;               // guarded by pool lock; 1 on the first dispatch
    WorkerHandle worker;       // guarded by pool lock; null while pending
    long headSinceNanos;       // guarded by pool lock; when it became the oldest task of its worker
    volatile boolean timedOut;

    RemoteTask(Owner owner, String name, long sequence, Callable<T> callable, Runnable onExit,
               byte frameType, byte[] payload, FnRef fn) {
        super(owner, name, sequence, callable, onExit);
        this.frameType = frameType;
        this.payload = payload;
        this.fn = fn;
        this.wireId = sequence;
    }

    boolean start() {
        return markStarted();
    }

    void exit() {
        markExited();
    }

    /** Back to pending after its worker died before running it. False if it was cancelled meanwhile. */
    boolean requeue() {
        return resetToNew();
    }

    @Override
    public void run() {
        throw new IllegalStateException("task " + name() + " runs in a worker process, not locally");
    }

    @Override
    protected void done() {
        super.done();
        if (isCancelled() || timedOut) {
            ((ProcessPoolImpl) owner()).abandon(this);
        }
    }

    /** A function sent to workers once, under an id. */
    record FnRef(long id, byte[] bytes) {
    }
}
