package io.tandem.bench;

import io.tandem.process.ProcessPool;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A process pool kept across one model's runs: started (and awaited) on the first run, closed by
 * {@link Scenario#release}. Process scenarios time tasks on ready workers; starting workers costs far
 * more than any of their runs and is the {@code spawn} scenario's job. Runs of one scenario are
 * sequential, so the pool is only touched by one thread at a time; {@code synchronized} is for safety.
 */
final class WarmProcessPool {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private final Supplier<ProcessPool> factory;
    private ProcessPool pool;

    WarmProcessPool(Supplier<ProcessPool> factory) {
        this.factory = factory;
    }

    /** The pool, started and awaited on first use. */
    synchronized ProcessPool get() throws InterruptedException {
        if (pool == null) {
            ProcessPool p = factory.get();
            try {
                if (!p.awaitReady(READY_TIMEOUT)) {
                    throw new IllegalStateException("worker JVMs not ready after " + READY_TIMEOUT.toSeconds() + " s");
                }
            } catch (InterruptedException | RuntimeException e) {
                p.close();
                throw e;
            }
            pool = p;
        }
        return pool;
    }

    /** Stops every worker (if the pool was started). */
    synchronized void close() {
        if (pool != null) {
            try {
                pool.close();
            } finally {
                pool = null;
            }
        }
    }
}
