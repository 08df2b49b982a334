package io.tandem;

import io.tandem.AbstractTaskPool;
import io.tandem.PoolConfig;

/**
 * {@code Pools.direct()}: runs every task in the submitting thread, before {@code submit} returns. The
 * sequential baseline for benchmarks, and deterministic for tests. {@code cancel(true)} of a running
 * direct task interrupts the submitting thread (which is the one running it).
 */
public final class DirectPool extends AbstractTaskPool {
    public DirectPool(PoolConfig config) {
        super(config);
    }

    @Override
    public int parallelism() {
        return 1;
    }

    @Override
    protected void dispatch(Runnable task) {
        task.run();
    }
}
