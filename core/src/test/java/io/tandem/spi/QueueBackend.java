package io.tandem.spi;

import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The backend of docs/new-pool-kind.md: {@code n} platform threads take tasks from one queue. Everything
 * else a pool does (results, map, fail-fast, cancellation, close) comes from core; the conformance suite
 * runs over it ({@link QueueBackendConformanceTest}).
 *
 * <p>Concurrency: {@code dispatch} may be called from any thread; the queue hands each task to one worker.
 */
final class QueueBackend implements PoolBackend {
    private static final Runnable STOP = () -> { };

    private final int threads;
    private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final List<Thread> workers = new CopyOnWriteArrayList<>();
    private final AtomicInteger alive = new AtomicInteger();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private PoolContext context;

    QueueBackend(int threads) {
        this.threads = threads;
    }

    @Override
    public String kind() {
        return "queue";
    }

    @Override
    public int parallelism() {
        return threads;
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.INTERRUPTS);
    }

    @Override
    public void attach(PoolContext context) {
        this.context = context;
        alive.set(threads);
        for (int i = 1; i <= threads; i++) {
            WorkerInfo info = new WorkerInfo(context.poolName() + "-worker-" + i, -1, "localhost");
            Thread t = Thread.ofPlatform().name(info.id()).unstarted(() -> work(info));
            workers.add(t);
            t.start();
        }
    }

    private void work(WorkerInfo info) {
        context.workerStarted(info);
        while (true) {
            Runnable task;
            try {
                task = queue.take();
            } catch (InterruptedException e) {
                continue; // a cancel that raced the end of its task; only STOP ends a worker
            }
            if (task == STOP) {
                break;
            }
            Thread.interrupted(); // an interrupt aimed at the previous task must not hit the next
            task.run();           // TaskHandle.run(): core records the outcome and the exit
        }
        context.workerExited(info, "stopped");
        if (alive.decrementAndGet() == 0) {
            stopped.complete(null);
        }
    }

    @Override
    public void dispatch(TaskHandle<?> task) {
        queue.add(task);
    }

    @Override
    public boolean isWorkerThread(Thread thread) {
        return workers.contains(thread);
    }

    /* May run on a worker (the last task's thread): it only enqueues the stops, it never waits. */
    @Override
    public CompletionStage<Void> terminate() {
        for (int i = 0; i < threads; i++) {
            queue.add(STOP);
        }
        return stopped;
    }

    @Override
    public String describe() {
        return queue.size() + " queued";
    }
}
