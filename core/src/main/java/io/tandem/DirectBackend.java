package io.tandem;

import io.tandem.spi.Capability;
import io.tandem.spi.PoolBackend;
import io.tandem.spi.TaskHandle;

import java.util.EnumSet;
import java.util.Set;

/**
 * {@code Pools.direct()}: runs every task in the submitting thread, before {@code submit} returns. The
 * sequential baseline for benchmarks, and deterministic for tests. {@code cancel(true)} of a running
 * direct task interrupts the submitting thread (which is the one running it).
 */
final class DirectBackend implements PoolBackend {
    private static final Set<Capability> CAPABILITIES = EnumSet.of(Capability.CALLER_RUNS, Capability.INTERRUPTS);
    @Override
    public String kind() {
        return "direct";
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public int parallelism() {
        return 1;
    }

    @Override
    public void dispatch(TaskHandle<?> task) {
        task.run();
    }
}
