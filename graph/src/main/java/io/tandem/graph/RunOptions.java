package io.tandem.graph;

import io.tandem.TaskPool;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a {@link TaskGraph} runs: the pools that run its tasks (by name), the capacities of the named
 * resources its tasks need, the failure policy, and a listener for events.
 *
 * {@snippet :
 * try (TaskPool threads = Pools.threads(4); ProcessPool procs = ProcessPool.create(2)) {
 *     RunOptions opts = RunOptions.builder()
 *             .pool(threads)                 // the default pool
 *             .pool("process", procs)
 *             .resource("db", 2)
 *             .failurePolicy(FailurePolicy.KEEP_GOING)
 *             .listener(e -> log(e))
 *             .build();
 *     RunResult r = graph.run(opts);
 * }
 * }
 *
 * <p>At most {@code parallelism()} tasks of a pool run at once (or {@link Builder#maxInFlight}), so
 * the scheduler, not the pool's queue, decides what runs next. Pools are not closed by the run,
 * except the default pool a run creates itself when none is given.
 *
 * <p>Thread safety: immutable once built; builders are used by one thread.
 */
public final class RunOptions {
    /** The name of the pool that runs tasks that name none. */
    public static final String DEFAULT_POOL = "default";

    private final Map<String, TaskPool> pools;
    private final Map<String, Integer> resources;
    private final FailurePolicy failurePolicy;
    private final Consumer<? super GraphEvent> listener;
    private final int maxInFlight;

    private RunOptions(Builder b) {
        this.pools = Collections.unmodifiableMap(new LinkedHashMap<>(b.pools));
        this.resources = Collections.unmodifiableMap(new LinkedHashMap<>(b.resources));
        this.failurePolicy = b.failurePolicy;
        this.listener = b.listener;
        this.maxInFlight = b.maxInFlight;
    }

    /** Defaults: no pool (a run creates {@code Pools.threads()} for itself), no resources, keep going. */
    public static RunOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Pools by name. */
    public Map<String, TaskPool> pools() {
        return pools;
    }

    /** Resource capacities by name. */
    public Map<String, Integer> resources() {
        return resources;
    }

    public FailurePolicy failurePolicy() {
        return failurePolicy;
    }

    /** The event listener, or {@code null}. */
    public Consumer<? super GraphEvent> listener() {
        return listener;
    }

    /** The cap on tasks in flight per pool (0: the pool's parallelism, at most 4096). */
    public int maxInFlight() {
        return maxInFlight;
    }

    /** Builds {@link RunOptions}; every setter checks its argument. */
    public static final class Builder {
        private final Map<String, TaskPool> pools = new LinkedHashMap<>();
        private final Map<String, Integer> resources = new LinkedHashMap<>();
        private FailurePolicy failurePolicy = FailurePolicy.KEEP_GOING;
        private Consumer<? super GraphEvent> listener;
        private int maxInFlight;

        private Builder() {
        }

        /** The default pool. */
        public Builder pool(TaskPool pool) {
            return pool(DEFAULT_POOL, pool);
        }

        /** A pool that tasks name with {@link TaskBuilder#pool(String)}. */
        public Builder pool(String name, TaskPool pool) {
            Objects.requireNonNull(name, "pool name");
            Objects.requireNonNull(pool, "pool must not be null; create one with Pools.threads(n)");
            pools.put(name, pool);
            return this;
        }

        /** Declares a resource (cpu, net, db, gpu, any name) with its capacity in units. */
        public Builder resource(String name, int capacity) {
            Objects.requireNonNull(name, "resource name");
            if (capacity < 0) {
                throw new IllegalArgumentException("resource '" + name + "': capacity must not be negative, got " + capacity);
            }
            resources.put(name, capacity);
            return this;
        }

        public Builder failurePolicy(FailurePolicy policy) {
            this.failurePolicy = Objects.requireNonNull(policy, "failurePolicy");
            return this;
        }

        /** Receives events one at a time from the scheduler; must be quick and must not block. */
        public Builder listener(Consumer<? super GraphEvent> listener) {
            this.listener = listener;
            return this;
        }

        /** Caps the tasks in flight per pool (useful with unbounded virtual-thread pools). */
        public Builder maxInFlight(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxInFlight must be at least 1, got " + n);
            }
            this.maxInFlight = n;
            return this;
        }

        public RunOptions build() {
            return new RunOptions(this);
        }
    }
}
