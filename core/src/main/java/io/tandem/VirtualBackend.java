package io.tandem;

import io.tandem.spi.Capability;
import io.tandem.spi.PoolBackend;
import io.tandem.spi.TaskHandle;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/*
 * Pools.virtual() and Pools.virtual(limit).
 *
 * Unlimited: one new virtual thread per task, as Executors.newVirtualThreadPerTaskExecutor does; the
 * pool's own live count (CorePool) replaces the JDK executor's thread set.
 *
 * Limited: tasks wait in a queue and at most `limit` runner threads drain it. A runner that finds the
 * queue empty gives its slot back, then looks once more: a task queued between its last poll and the
 * decrement would otherwise sit there with no runner (the submitter saw all slots taken). Queued tasks
 * cost a queue node, not a parked thread, so a million queued tasks are cheap.
 */
final class VirtualBackend implements PoolBackend {
    private static final Set<Capability> CAPABILITIES = EnumSet.of(Capability.VIRTUAL_THREADS, Capability.INTERRUPTS);
    private final ThreadFactory factory;
    private final int limit;
    private final ConcurrentLinkedQueue<Runnable> queue;
    private final AtomicInteger runners;
    /** The runner threads of a limited pool (at most `limit`; changes per runner, not per task). */
    private final java.util.Set<Thread> runnerThreads;

    VirtualBackend(PoolConfig config, int limit) {
        // One name for every thread of the pool: a numbered name costs a counter update and a string per
        // task (measured at ~15% of submit+join), and a task's own name is appended while it runs anyway.
        this.factory = Thread.ofVirtual().name(config.name()).factory();
        this.limit = limit;
        this.queue = limit > 0 ? new ConcurrentLinkedQueue<>() : null;
        this.runners = limit > 0 ? new AtomicInteger() : null;
        this.runnerThreads = limit > 0 ? java.util.concurrent.ConcurrentHashMap.newKeySet() : null;
    }

    @Override
    public int parallelism() {
        return limit > 0 ? limit : Integer.MAX_VALUE;
    }

    @Override
    public String kind() {
        return "virtual";
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public int mapWindow() {
        return limit > 0 ? Math.max(2, 2 * limit) : PoolBackend.super.mapWindow();
    }

    @Override
    public void dispatch(TaskHandle<?> task) {
        if (limit == 0) {
            factory.newThread(task).start();
            return;
        }
        queue.add(task);
        tryStartRunner();
    }

    private void tryStartRunner() {
        for (;;) {
            int r = runners.get();
            if (r >= limit || queue.isEmpty()) {
                return;
            }
            if (runners.compareAndSet(r, r + 1)) {
                factory.newThread(this::drain).start();
                return;
            }
        }
    }

    /*
     * Only a limited pool can deadlock on nesting (every runner waiting for a task queued behind them);
     * an unlimited pool starts every task on its own thread at once, so nothing it waits for is queued.
     */
    @Override
    public boolean isWorkerThread(Thread thread) {
        return runnerThreads != null && runnerThreads.contains(thread);
    }

    private void drain() {
        Thread self = Thread.currentThread();
        runnerThreads.add(self);
        try {
            drainQueue();
        } finally {
            runnerThreads.remove(self);
        }
    }

    private void drainQueue() {
        for (;;) {
            Runnable t;
            while ((t = queue.poll()) != null) {
                Thread.interrupted(); // an interrupt aimed at the previous task must not hit the next
                t.run();
            }
            runners.decrementAndGet();
            if (queue.isEmpty()) {
                return;
            }
            if (!reacquire()) {
                return; // all slots are taken: a running runner will find the task
            }
        }
    }

    private boolean reacquire() {
        for (;;) {
            int r = runners.get();
            if (r >= limit) {
                return false;
            }
            if (runners.compareAndSet(r, r + 1)) {
                return true;
            }
        }
    }
}
