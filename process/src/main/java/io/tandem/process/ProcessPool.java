package io.tandem.process;

import io.tandem.RetryPolicy;
import io.tandem.function.SerializableRunnable;
import io.tandem.Task;
import io.tandem.TaskPool;
import io.tandem.process.internal.ProcessPoolConfig;
import io.tandem.process.internal.ProcessPoolImpl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * A {@link TaskPool} whose tasks run in worker JVMs: Python's {@code multiprocessing.Pool} and
 * {@code ProcessPoolExecutor}, for work that must be isolated (crashy native code, memory leaks,
 * {@code System.exit}) or spread over processes. The same lambdas that run on {@code Pools.threads()}
 * run here; what they capture travels through the pool's {@link Codec}.
 *
 * {@snippet :
 * try (ProcessPool pool = ProcessPool.create(4)) {
 *     List<Long> counts = pool.map(range -> countPrimes(range), ranges);
 * }
 * }
 *
 * <h2>Workers</h2>
 * {@code create} starts the workers in the background and returns at once; tasks submitted before they
 * are ready wait for them ({@link #awaitReady} waits explicitly). Workers run with a 256 MB heap, the
 * serial GC and the full JIT ({@link Builder#fastStartJit} for C1 only). When the class path holds only jars,
 * the first pool trains a JDK AOT cache for it (in {@code ~/.cache/tandem/aot}) and later workers start
 * from it several times faster; {@code -Dtandem.aot=false} turns that off. Workers are started with the parent's
 * class path, connect over a Unix domain socket in a private (0700) directory, and run tasks one at a
 * time in arrival order; several tasks are in flight per worker ({@link Builder#pipelineDepth}) so
 * throughput is not bound by the round trip. A {@code map} function is sent to each worker once, then
 * only items travel. Worker stdout and stderr are forwarded line by line ({@link WorkerOutput}).
 *
 * <h2>Failures</h2>
 * A worker that dies (SIGKILL, {@code System.exit}, {@link OutOfMemoryError}, a native crash) fails only
 * the task whose body was running in it, with a {@link WorkerDiedException} (or runs it again,
 * {@link Builder#retry}); tasks that were only queued in its pipeline go back to the queue without spending
 * an attempt, and a replacement worker starts. A task that throws fails
 * with its own exception, rebuilt in the parent with the remote stack trace, or a
 * {@link RemoteTaskException} when it cannot be rebuilt. Cancellation and timeouts interrupt the task in
 * its worker; a worker that does not stop within {@link Builder#cancelGrace} is killed and replaced. A
 * result over what a codec or the heaps can carry fails its task with a {@link CodecException} (or, if the
 * worker dies of it, a {@code WorkerDiedException}); a result cut short by the worker's death is that death.
 *
 * <p>Workers that cannot start. If workers fail to become ready by their own fault three times in a row (an
 * exit with any status before ready: a bad JVM option, an initializer that throws; or a crash signal such as
 * SIGSEGV or SIGABRT), the pool is broken for good: waiting and later tasks fail with
 * {@link WorkerStartException} instead of waiting forever. A worker killed from outside (SIGKILL, SIGTERM,
 * SIGINT, SIGHUP: a user, an OOM killer) is not a start failure, whenever it dies: it is replaced, and after
 * {@code n} deaths before ready in a row the next start waits {@code min(2 s, 50 ms * 2^(n-1))}; once the
 * kills stop the pool serves as before. The pool's own threads (pipe and socket readers, exit handlers,
 * timers, the flusher, the stop) are platform threads, so none of this waits for a virtual-thread carrier.
 *
 * <h2>Closing</h2>
 * {@code close()} waits for submitted work, stops the workers and removes the socket directory: no
 * process or file is left behind. Workers also exit by themselves when the parent dies, even by SIGKILL.
 * A parent killed with SIGKILL (or crashed) leaves its pools' socket directories
 * ({@code tandem-<pid>-<start>.<ns>-<pool>-<random>} in {@code java.io.tmpdir}) and its shared-memory files:
 * the first pool or shared object created by a later JVM of the same user on the machine removes them, in the
 * background, on Linux (see {@link SharedMemory} for what a sweep removes and what it never touches). The
 * directory lives as long as the pool, because a replacement worker may connect to it at any time.
 *
 * <h2>Thread safety</h2>
 * As {@link TaskPool}: every method may be called from any thread.
 */
public sealed interface ProcessPool extends TaskPool permits ProcessPoolImpl {

    /** A pool of {@code workers} worker JVMs with default settings. */
    static ProcessPool create(int workers) {
        return builder().workers(workers).build();
    }

    /** A pool with one worker per available processor. */
    static ProcessPool create() {
        return builder().build();
    }

    static Builder builder() {
        return new Builder();
    }

    /**
     * Waits until every worker is ready (started, connected, initializer run).
     *
     * @return false if {@code timeout} passed first
     * @throws WorkerStartException if workers cannot start
     */
    boolean awaitReady(Duration timeout) throws InterruptedException;

    /** The process ids of the live workers (for diagnostics and tests). */
    List<Long> workerPids();

    /** How many workers have been started so far, replacements included. */
    long workersStarted();

    /**
     * Configures a {@link ProcessPool}. Every setter checks its argument at once and names what is wrong.
     * Not thread-safe; the pool it builds is.
     */
    final class Builder {
        private int workers = Runtime.getRuntime().availableProcessors();
        private final List<String> jvmOptions = new ArrayList<>();
        private SerializableRunnable initializer;
        private int maxTasksPerWorker;
        private Duration taskTimeout;
        private RetryPolicy retry = RetryPolicy.NONE;
        private Codec codec = Codecs.standard();
        private WorkerOutput output = WorkerOutput.inherit();
        private int pipelineDepth = 16;
        private Duration cancelGrace = Duration.ofSeconds(2);
        private String name;
        private BiConsumer<Task<?>, Throwable> uncaughtFailureHandler;
        private String heap = "256m";
        private boolean fastStartJit;

        private Builder() {
        }

        /** Number of worker processes (default: available processors). */
        public Builder workers(int workers) {
            if (workers < 1) {
                throw new IllegalArgumentException("workers must be at least 1, got " + workers);
            }
            this.workers = workers;
            return this;
        }

        /** Extra JVM options for workers, e.g. {@code -Dkey=value} or {@code -XX:+UseZGC}. */
        public Builder jvmOptions(String... options) {
            for (String o : options) {
                if (o == null || o.isBlank()) {
                    throw new IllegalArgumentException("JVM options must not be null or blank");
                }
                jvmOptions.add(o);
            }
            return this;
        }

        /** Maximum heap of each worker, as for {@code -Xmx} (default {@code 256m}). */
        public Builder workerHeap(String size) {
            Objects.requireNonNull(size, "size");
            if (!size.matches("\\d+[kKmMgG]?")) {
                throw new IllegalArgumentException("workerHeap takes a size like 256m or 2g, got '" + size + "'");
            }
            this.heap = size;
            return this;
        }

        /**
         * Runs workers with the C1 compiler only: each worker starts a little sooner and compiles less, but
         * CPU-heavy code runs up to about twice as slowly (measured here on the primes workload with
         * {@code long} arithmetic). Worth it for short-lived pools of light or I/O-bound tasks. Default: the
         * full tiered JIT (C1 then C2).
         */
        public Builder fastStartJit() {
            this.fastStartJit = true;
            return this;
        }

        /** Runs once in each worker before its first task, like {@code Pool(initializer=...)}. */
        public Builder initializer(SerializableRunnable initializer) {
            this.initializer = Objects.requireNonNull(initializer, "initializer");
            return this;
        }

        /** Replaces a worker after it ran this many tasks, like {@code maxtasksperchild} (0 = never). */
        public Builder maxTasksPerWorker(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("maxTasksPerWorker must be 0 (unlimited) or more, got " + n);
            }
            this.maxTasksPerWorker = n;
            return this;
        }

        /** Fails a task (and interrupts it in its worker) that runs longer than this. */
        public Builder taskTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("taskTimeout must be positive, got " + timeout);
            }
            this.taskTimeout = timeout;
            return this;
        }

        /**
         * How many times a task whose worker died is run again on another worker (default 0): a shorthand
         * for {@code retry(RetryPolicy.retries(retries))}.
         */
        public Builder retries(int retries) {
            return retry(RetryPolicy.retries(retries));
        }

        /**
         * When a task whose worker died (SIGKILL, {@code System.exit}, out of memory, a crash) runs again
         * (default {@link RetryPolicy#NONE}). After attempt {@code n} of a task died, the pool asks
         * {@code policy.shouldRetry(n, e)} with the {@link WorkerDiedException} {@code e} that the task would
         * otherwise fail with: {@link RetryPolicy#retryOn} and {@link RetryPolicy#retryIf} see that exception,
         * so a policy that does not accept it never retries. A retry without backoff goes to the front of the
         * queue at once; with a {@linkplain RetryPolicy#backoff backoff} the task waits
         * {@code policy.delayAfter(n)} (jittered as the policy says) on a timer, holding no thread and no
         * worker, then queues behind the tasks submitted meanwhile. Cancelling it during the wait cancels it
         * for good. When no attempt is left the task fails with the last {@code WorkerDiedException}, whose
         * {@link WorkerDiedException#attempt()} says how many ran.
         *
         * <p>What an attempt is. An attempt is spent when the task's body started in a worker (the worker
         * records each start where its death cannot erase it) and that worker died before the task's answer
         * reached the parent. A task that was only sent to a worker, waiting in its pipeline, and a task whose
         * worker died before it could start, go back to the queue with their attempts untouched, as often as
         * that happens. Retries are at-least-once: a body that was killed may have done any part of its work,
         * even all of it (a worker can die after computing a result it had not finished sending), and the
         * retry runs it again, so a retried task's side effects must be idempotent. Each task still completes
         * exactly once: one value, exception or cancellation reaches its waiters and callbacks.
         *
         * <p>Only worker deaths are retried: a task that throws fails with its exception whatever the policy
         * (retry inside the task, or use a {@code TaskGraph} with retries). The policy's predicate runs in the
         * pool's own thread that handles the worker's exit: keep it quick and non-blocking.
         */
        public Builder retry(RetryPolicy policy) {
            this.retry = Objects.requireNonNull(policy, "retry policy");
            return this;
        }

        /** How tasks, items, results and exceptions travel (default {@link Codecs#standard()}). */
        public Builder codec(Codec codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /** Where worker stdout/stderr lines go (default: this process's, prefixed {@code [worker-N]}). */
        public Builder output(WorkerOutput output) {
            this.output = Objects.requireNonNull(output, "output");
            return this;
        }

        /** Tasks sent ahead to each worker (default 16; 1 = strict request/response). */
        public Builder pipelineDepth(int depth) {
            if (depth < 1) {
                throw new IllegalArgumentException("pipelineDepth must be at least 1, got " + depth);
            }
            this.pipelineDepth = depth;
            return this;
        }

        /** How long a cancelled or timed-out task may take to stop before its worker is killed (default 2 s). */
        public Builder cancelGrace(Duration grace) {
            Objects.requireNonNull(grace, "grace");
            if (grace.isNegative()) {
                throw new IllegalArgumentException("cancelGrace must not be negative, got " + grace);
            }
            this.cancelGrace = grace;
            return this;
        }

        /** The pool's name (task names, worker output prefix, errors). */
        public Builder name(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("pool name must not be blank");
            }
            this.name = name;
            return this;
        }

        /** Receives failures nobody observed (see {@link TaskPool}). */
        public Builder uncaughtFailureHandler(BiConsumer<Task<?>, Throwable> handler) {
            this.uncaughtFailureHandler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /** Starts the workers (in the background) and returns the pool. */
        public ProcessPool build() {
            return ProcessPoolImpl.start(new ProcessPoolConfig(workers, List.copyOf(jvmOptions), heap, initializer,
                    maxTasksPerWorker, fastStartJit, taskTimeout, retry, codec, output, pipelineDepth, cancelGrace, name,
                    uncaughtFailureHandler));
        }
    }
}
