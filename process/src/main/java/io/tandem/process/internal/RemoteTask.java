package io.tandem.process.internal;

import io.tandem.spi.TaskHandle;

/**
 * The process backend's record of one task: its encoded payload (made at submission, so a task that
 * cannot travel fails there) and where it is. Core's {@link TaskHandle} holds the result and the life
 * cycle; this object is its attachment. Which worker has it and since when are guarded by the pool's lock.
 */
final class RemoteTask<T> {
    final TaskHandle<T> handle;
    final byte frameType;
    final byte[] payload;
    final FnRef fn;            // for chunk tasks: the function defined once per worker
    final long wireId;
    int attempt;               // guarded by pool lock; 1 on the first dispatch
    WorkerHandle worker;       // guarded by pool lock; null while pending
    long headSinceNanos;       // guarded by pool lock; when it became the oldest task of its worker
    volatile boolean timedOut;

    @SuppressWarnings("unchecked")
    RemoteTask(TaskHandle<?> handle, byte frameType, byte[] payload, FnRef fn) {
        this.handle = (TaskHandle<T>) handle;
        this.frameType = frameType;
        this.payload = payload;
        this.fn = fn;
        this.wireId = handle.id();
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

    /** Back to pending after its worker died before running it. False if it was cancelled meanwhile. */
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
