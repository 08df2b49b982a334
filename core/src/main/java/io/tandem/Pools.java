package io.tandem;


import io.tandem.spi.PoolBackend;

import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Factories for in-process {@link TaskPool}s.
 *
 * <table class="striped">
 *   <caption>Pool kinds</caption>
 *   <tr><th>factory</th><th>runs tasks on</th><th>use it for</th></tr>
 *   <tr><td>{@link #threads(int)}</td><td>a fixed set of platform threads (work-stealing)</td><td>CPU-bound work</td></tr>
 *   <tr><td>{@link #virtual()}</td><td>one virtual thread per task</td><td>I/O-bound work, many waits</td></tr>
 *   <tr><td>{@link #virtual(int)}</td><td>virtual threads, at most {@code n} at once</td><td>I/O against a limited resource</td></tr>
 *   <tr><td>{@link #direct()}</td><td>the caller's thread</td><td>the sequential baseline, tests</td></tr>
 * </table>
 *
 * {@snippet :
 * try (TaskPool pool = Pools.threads(8)) {
 *     List<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3));
 * }
 * }
 *
 * <p>Thread safety: the factories may be called from any thread; each call returns a new pool.
 */
public final class Pools {
    private Pools() {
    }

    /** A pool of {@code n} platform threads. */
    public static TaskPool threads(int n) {
        return builder().threads(n);
    }

    /**
     * A pool of as many platform threads as there are available processors: the pool for work that
     * computes, where threads beyond the cores only add switching.
     *
     * <p>Why not Python's {@code ThreadPoolExecutor()} default of {@code min(32, cpu_count() + 4)}: Python
     * sizes that default for I/O, because under the GIL its threads only help work that waits, so a port
     * of {@code ThreadPoolExecutor()} is a port of waiting. Waiting belongs on {@link #virtual()}, which
     * without arguments runs every submitted task at once (never fewer than Python's 32 threads) at about a
     * kilobyte per waiting task; {@code ThreadPoolExecutor(max_workers=n)} for I/O is
     * {@link #virtual(int) virtual(n)}. Computing is what Python sends to {@code ProcessPoolExecutor()}
     * and {@code multiprocessing.Pool()}, whose default is {@code cpu_count()} workers: this pool's size.
     */
    public static TaskPool threads() {
        return builder().threads();
    }

    /** A pool that starts one virtual thread per task, without limit. */
    public static TaskPool virtual() {
        return builder().virtual();
    }

    /** A pool of virtual threads that runs at most {@code maxConcurrency} tasks at once; the rest queue. */
    public static TaskPool virtual(int maxConcurrency) {
        return builder().virtual(maxConcurrency);
    }

    /** A pool that runs every task in the calling thread, at submission: the sequential baseline. */
    public static TaskPool direct() {
        return builder().direct();
    }

    /** A builder for pools with a name, an uncaught-failure handler or a progress bar. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Configures a pool, then builds it with one of the terminal methods ({@link #threads(int)},
     * {@link #virtual()}, ...). Every argument is checked when given. Not thread-safe; the pools it builds are.
     */
    public static final class Builder {
        private String name;
        private BiConsumer<Task<?>, Throwable> uncaughtFailureHandler;
        private Progress progress;

        private Builder() {
        }

        /** The pool's name (thread names, task names, errors). Default: {@code threads-N}, {@code virtual-N}, {@code direct-N}. */
        public Builder name(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("pool name must not be blank");
            }
            this.name = name;
            return this;
        }

        /**
         * Receives failures nobody observed: exceptions of tasks run with {@code execute}, of
         * {@code onComplete} callbacks, and of submitted tasks whose failure was never read by the time
         * the pool closed. Default: logged through {@link System.Logger} at ERROR.
         */
        public Builder uncaughtFailureHandler(BiConsumer<Task<?>, Throwable> handler) {
            this.uncaughtFailureHandler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /** Reports every submitted task to {@code progress}: the total grows on submit, the count on completion. */
        public Builder progress(Progress progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        public TaskPool threads(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("threads(n): n must be at least 1, got " + n);
            }
            PoolConfig c = config("threads");
            return new CorePool(c, new ThreadsBackend(c, n));
        }

        public TaskPool threads() {
            return threads(Runtime.getRuntime().availableProcessors());
        }

        public TaskPool virtual() {
            PoolConfig c = config("virtual");
            return new CorePool(c, new VirtualBackend(c, 0));
        }

        public TaskPool virtual(int maxConcurrency) {
            if (maxConcurrency < 1) {
                throw new IllegalArgumentException("virtual(maxConcurrency): must be at least 1, got " + maxConcurrency);
            }
            PoolConfig c = config("virtual");
            return new CorePool(c, new VirtualBackend(c, maxConcurrency));
        }

        public TaskPool direct() {
            return new CorePool(config("direct"), new DirectBackend());
        }

        /**
         * A pool of a kind Tandem does not ship, run by {@code backend}: core gives it tasks, map chunking,
         * fail-fast, cancellation, the life cycle and failure reporting (see {@link PoolBackend}). The
         * backend must be new: a pool attaches to it for good.
         */
        public TaskPool build(PoolBackend backend) {
            Objects.requireNonNull(backend, "backend");
            String kind = Objects.requireNonNull(backend.kind(), "backend.kind()");
            if (backend.parallelism() < 1) {
                throw new IllegalArgumentException("backend " + kind + " reports parallelism " + backend.parallelism()
                        + "; it must be at least 1");
            }
            Objects.requireNonNull(backend.capabilities(), "backend.capabilities()");
            return new CorePool(config(kind), backend);
        }

        private PoolConfig config(String kind) {
            return PoolConfig.of(kind, name, uncaughtFailureHandler, progress);
        }
    }
}
