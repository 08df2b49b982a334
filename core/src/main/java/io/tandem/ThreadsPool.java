package io.tandem;

import io.tandem.AbstractTaskPool;
import io.tandem.PoolConfig;
import io.tandem.TaskImpl;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code Pools.threads(n)}: a ForkJoinPool of {@code n} platform workers in FIFO (async) mode. Work
 * stealing keeps both cores busy with uneven tasks; {@link TaskImpl}'s managed blocking lets a worker
 * that joins another task of this pool add a compensating thread, so nested submission cannot deadlock.
 */
public final class ThreadsPool extends AbstractTaskPool {
    private final ForkJoinPool fjp;
    private final int parallelism;

    public ThreadsPool(PoolConfig config, int parallelism) {
        super(config);
        this.parallelism = parallelism;
        String prefix = config.name() + "-worker-";
        AtomicInteger ids = new AtomicInteger();
        ForkJoinPool.ForkJoinWorkerThreadFactory factory = pool -> {
            ForkJoinWorkerThread t = new ForkJoinWorkerThread(null, pool, true) {
            };
            t.setName(prefix + ids.incrementAndGet());
            return t;
        };
        // no uncaught handler: tasks catch everything themselves (FutureTask)
        this.fjp = new ForkJoinPool(parallelism, factory, null, true);
    }

    @Override
    public int parallelism() {
        return parallelism;
    }

    @Override
    public boolean isWorkerThread(Thread thread) {
        return thread instanceof ForkJoinWorkerThread w && w.getPool() == fjp;
    }

    @Override
    protected void dispatch(Runnable task) {
        fjp.execute(task);
    }

    @Override
    protected void onShutdown() {
        // queued tasks still run after ForkJoinPool.shutdown; the workers exit once idle
    }

    @Override
    protected void onTerminated() {
        fjp.shutdown();
    }

    @Override
    public void close() {
        super.close();
        // Every task has exited; wait for the idle workers themselves to go, so close leaves no thread.
        boolean interrupted = false;
        while (true) {
            try {
                if (fjp.awaitTermination(1, TimeUnit.SECONDS)) {
                    break;
                }
                fjp.shutdownNow();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        if (!super.awaitTermination(timeout, unit)) {
            return false;
        }
        return fjp.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    @Override
    public boolean isTerminated() {
        return super.isTerminated() && fjp.isTerminated();
    }
}
