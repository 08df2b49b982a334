package io.tandem.graph.internal;

import io.tandem.Pools;
import io.tandem.TaskPool;
import io.tandem.graph.RunOptions;
import io.tandem.spi.Capability;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pools of one run, by name and index, and which of them the run owns. Pools given in
 * {@link RunOptions} belong to the caller and are never shut down here; the default pool a run creates
 * when none is given belongs to the run: it is shut down when the last task ends and closed when the
 * result is collected (or when the run cannot start). Whether a pool runs tasks in another process is
 * asked of the pool ({@link Capability#OTHER_PROCESS}), never read from its class.
 *
 * <p>Immutable after construction; {@link #closeOwned()} may be called from any thread, any number of times.
 */
final class RunPools {
    /** Unbounded pools (virtual threads) still get a finite number of slots. */
    private static final int MAX_SLOTS = 4096;

    /**
     * One pool of the run.
     *
     * @param otherProcess its tasks run in another process: they get a copy of their inputs, not the engine
     * @param slots        how many of the run's tasks it may run at once
     */
    record Entry(String name, TaskPool pool, boolean owned, boolean otherProcess, int slots) {
    }

    private final Entry[] entries;
    private final Map<String, Integer> index = new HashMap<>();

    RunPools(RunOptions options) {
        int cap = options.maxInFlight() > 0 ? options.maxInFlight() : MAX_SLOTS;
        List<Entry> list = new ArrayList<>();
        for (Map.Entry<String, TaskPool> e : options.pools().entrySet()) {
            index.put(e.getKey(), list.size());
            list.add(entry(e.getKey(), e.getValue(), false, cap));
        }
        if (!index.containsKey(RunOptions.DEFAULT_POOL)) {
            index.put(RunOptions.DEFAULT_POOL, list.size());
            list.add(entry(RunOptions.DEFAULT_POOL, Pools.threads(), true, cap));
        }
        this.entries = list.toArray(Entry[]::new);
    }

    private static Entry entry(String name, TaskPool pool, boolean owned, int cap) {
        boolean otherProcess = pool.capabilities().contains(Capability.OTHER_PROCESS);
        return new Entry(name, pool, owned, otherProcess, Math.max(1, Math.min(cap, pool.parallelism())));
    }

    int size() {
        return entries.length;
    }

    Entry get(int index) {
        return entries[index];
    }

    /** The index of the pool named {@code name}; the name was checked by the analysis. */
    int indexOf(String name) {
        return index.get(name);
    }

    Set<String> names() {
        return index.keySet();
    }

    /** Stops the run's own pools from taking tasks; they finish what they hold. */
    void shutdownOwned() {
        for (Entry e : entries) {
            if (e.owned) {
                e.pool.shutdown();
            }
        }
    }

    /** Closes the run's own pools; the caller's pools stay open. */
    void closeOwned() {
        for (Entry e : entries) {
            if (e.owned) {
                e.pool.close();
            }
        }
    }
}
