package io.tandem;

import io.tandem.spi.Capability;
import io.tandem.spi.PoolBackend;
import io.tandem.spi.TaskHandle;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code Pools.threads(n)}: a ForkJoinPool of {@code n} platform workers in FIFO (async) mode. Work
 * stealing keeps both cores busy with uneven tasks; {@link TaskImpl}'s managed blocking lets a worker
 * that joins another task of this pool add a compensating thread, so nested submission cannot deadlock.
 */
final class ThreadsBackend implements PoolBackend {
    private static final Set<Capability> CAPABILITIES = EnumSet.of(Capability.INTERRUPTS);
    private final ForkJoinPool fjp;
    private final int parallelism;
    private final String prefix;

    ThreadsBackend(PoolConfig config, int parallelism) {
        this.parallelism = parallelism;
        this.prefix = config.name() + "-worker-";
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
    public String kind() {
        return "threads";
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public void dispatch(TaskHandle<?> task) {
        fjp.execute(task);
    }

    @Override
    public int mapWindow() {
        return Math.max(2, 2 * parallelism);
    }

    /*
     * Every task has exited; the idle workers exit after ForkJoinPool.shutdown. This may be called from a
     * worker of the pool (the last task's thread), so the wait for the workers happens on another thread,
     * and close() returns only once no worker thread is left.
     */
    @Override
    public CompletionStage<Void> terminate() {
        fjp.shutdown();
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        Thread.ofVirtual().name(prefix + "stop").start(() -> {
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
            stopped.complete(null);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        });
        return stopped;
    }
}
