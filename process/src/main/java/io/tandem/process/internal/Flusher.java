package io.tandem.process.internal;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/*
 * Writes workers' buffered frames to their sockets a little later, in batches.
 *
 * A task sent to a worker that may be idle is flushed at once by whoever sent it (the round trip is what
 * the caller waits for). A task sent to a worker that already has work queued is not urgent: it is
 * flushed by this thread a few microseconds later, together with whatever else was sent to that worker
 * meanwhile, so a stream of small submissions costs far fewer system calls.
 */
final class Flusher implements AutoCloseable {
    private static final long BATCH_NANOS = 20_000;

    private final ConcurrentLinkedQueue<WorkerHandle> dirty = new ConcurrentLinkedQueue<>();
    private final String poolName;
    private volatile Thread thread;
    private volatile boolean stop;

    Flusher(String poolName) {
        this.poolName = poolName;
    }

    /**
     * Starts the flushing thread; until then {@link #wake} does nothing and queued workers wait for it. A
     * platform thread: tasks must reach workers even when the application keeps every carrier of the
     * virtual-thread scheduler busy.
     */
    void start() {
        thread = Thread.ofPlatform().daemon(true).name(poolName + "-flusher").start(this::loop);
    }

    /** Queues {@code w} for the next batch unless it is queued already; {@link #wake} starts the batch. */
    void flushSoon(WorkerHandle w) {
        if (w.claimFlush()) {
            dirty.add(w);
        }
    }

    /** Starts a batch for the workers queued by {@link #flushSoon}. */
    void wake() {
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    private void loop() {
        while (!stop) {
            if (dirty.isEmpty()) {
                LockSupport.park(); // a batch queued before this thread started is not waited for
            }
            if (dirty.isEmpty()) {
                continue;
            }
            LockSupport.parkNanos(BATCH_NANOS);
            for (WorkerHandle w; (w = dirty.poll()) != null; ) {
                w.releaseFlush();
                w.flush();
            }
        }
    }

    /** Stops and joins the thread; frames queued after the workers were told to exit no longer matter. */
    @Override
    public void close() {
        stop = true;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
            Join.quietly(t);
        }
    }
}
