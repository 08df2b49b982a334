package io.tandem.process.internal;

import io.tandem.RetryPolicy;
import io.tandem.process.Codec;
import io.tandem.process.WorkerDiedException;
import io.tandem.process.WorkerStartException;
import io.tandem.spi.PoolContext;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The life of worker processes: starts worker JVMs (with the AOT cache plan), breaks the pool when
 * workers fail to start {@value #MAX_START_FAILURES} times in a row by their own fault, reports workers to
 * the pool's observers, and when a worker exits, decides the fate of the task that was running in it: fail
 * it with a {@link WorkerDiedException}, or run it again as the {@link RetryPolicy} says.
 *
 * <p>The breaker. A worker that dies before it is ready (connected, initializer run) either failed by
 * itself or was killed from outside, and only the first kind counts toward breaking the pool:
 * <ul>
 *   <li>counts: an exit with any status (a bad JVM option, {@code -version}, a failed handshake, the
 *       initializer threw), or death by a signal the JVM raises itself (SIGSEGV, SIGABRT, SIGBUS...: a crash);</li>
 *   <li>does not count: death by SIGKILL, SIGTERM, SIGINT or SIGHUP, which come from outside (a user, an OOM
 *       killer, a container runtime). Such a worker is replaced like any other.</li>
 * </ul>
 * Either kind delays the next start: after {@code n} early deaths in a row the pool waits
 * {@code min(2 s, 50 ms * 2^(n-1))} before starting a worker, so a kill storm does not turn into a fork storm;
 * a worker that becomes ready resets both counts. Once broken, the pool stays broken (what made workers fail
 * will fail the next one too): waiting and later tasks fail with the {@link WorkerStartException}.
 *
 * <p>Its start-up state (sequence, AOT plan, breaker, backoff) is guarded by the pool lock: the methods
 * marked "pool lock" are called by {@link Scheduler} with it held. Everything else is thread-safe.
 */
final class Supervisor {
    static final int MAX_START_FAILURES = 3;
    private static final Duration EXIT_GRACE = Duration.ofSeconds(5);
    private static final long FIRST_BACKOFF_NANOS = Duration.ofMillis(50).toNanos();
    private static final long MAX_BACKOFF_NANOS = Duration.ofSeconds(2).toNanos();

    private final Scheduler scheduler;
    private final Deadlines deadlines;
    private final ProcessPoolConfig cfg;
    private final String poolName;
    private final Codec codec;
    private final RetryPolicy retry;
    private final Path socket;
    private final String token;
    private final Object preparing = new Object();
    private List<String> command;              // written once in prepare() (its monitor), then read under the pool lock
    private volatile PoolContext context;
    private AotCache.Plan aot;                 // planned in prepare(); pool lock after that
    private volatile int spawned;              // written under the pool lock
    private int startFailures;                 // pool lock: early deaths in a row by the workers' own fault
    private int earlyDeaths;                   // pool lock: early deaths in a row, whatever the cause
    private long startNotBefore;               // pool lock: System.nanoTime() before which no worker starts
    private WorkerStartException broken;       // pool lock

    Supervisor(Scheduler scheduler, Deadlines deadlines, ProcessPoolConfig cfg, String poolName, Path socket, String token) {
        this.scheduler = scheduler;
        this.deadlines = deadlines;
        this.cfg = cfg;
        this.poolName = poolName;
        this.codec = cfg.codec();
        this.retry = cfg.retry();
        this.socket = socket;
        this.token = token;
    }

    void attach(PoolContext context) {
        this.context = context;
    }

    /** How many workers were started so far, replacements included. */
    int workersStarted() {
        return spawned;
    }

    // ---- starting (pool lock) -----------------------------------------------------------------------

    /** Pool lock. Starts one worker process; null (and the pool is broken) if the JVM cannot be started. */
    WorkerHandle spawn() {
        prepare();
        spawned++;
        int number = WorkerHandle.nextNumber(); // unique in this JVM: output of two pools stays apart
        AotCache.Plan plan = aot;
        if (plan.trains()) {
            aot = AotCache.Plan.NONE; // one training run; the others start as usual until the cache exists
        }
        Process process;
        try {
            ProcessBuilder pb = new ProcessBuilder(plan.options().isEmpty() ? command
                    : WorkerCommand.build(cfg, socket, token, plan.options()));
            process = pb.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            broken = new WorkerStartException("cannot start a worker JVM with " + command.getFirst() + ": " + e.getMessage(), e);
            return null;
        }
        WorkerHandle w = new WorkerHandle(number, process, plan.trains(), codec, poolName);
        w.forwardOutput(cfg.output());
        w.onExit(() -> {
            try {
                exited(w);
            } finally {
                plan.finish(process.exitValue());
            }
        });
        return w;
    }

    /**
     * Builds the worker command line and plans the AOT cache: class loading and file reads that cost a fresh
     * JVM several milliseconds. The pool's starter thread calls it before the scheduler first takes the pool
     * lock, so that submitters seldom wait for it; spawn() calls it too (a submitter may spawn first). Once:
     * a second AOT plan would take the training lock twice.
     */
    void prepare() {
        synchronized (preparing) {
            if (command == null) {
                aot = AotCache.plan(WorkerClassPath.split(System.getProperty("java.class.path")).jvm());
                command = WorkerCommand.build(cfg, socket, token);
            }
        }
    }

    /** Pool lock. A worker became ready: the start-failure and early-death counts start over. */
    void started() {
        startFailures = 0;
        earlyDeaths = 0;
        startNotBefore = 0;
    }

    /**
     * Pool lock. A worker exited before it was ready: the next start waits a backoff, and unless it was killed
     * from outside, it counts toward the breaker; the {@value #MAX_START_FAILURES}th in a row breaks the pool.
     */
    void diedStarting(WorkerHandle w, int status) {
        earlyDeaths++;
        long backoff = Math.min(MAX_BACKOFF_NANOS, FIRST_BACKOFF_NANOS << Math.min(earlyDeaths - 1, 20));
        startNotBefore = System.nanoTime() + backoff;
        if (killedFromOutside(status) && w.initFailure() == null) {
            return;
        }
        startFailures++;
        if (startFailures >= MAX_START_FAILURES && broken == null) {
            broken = startFailure(w, status);
        }
    }

    /** SIGHUP, SIGINT, SIGKILL, SIGTERM: signals a JVM does not raise against itself. */
    static boolean killedFromOutside(int status) {
        int signal = status - 128;
        return signal == 1 || signal == 2 || signal == 9 || signal == 15;
    }

    /** Pool lock. How long the next worker start must wait after early deaths (0: it may start now). */
    long startDelayNanos() {
        return startNotBefore == 0 ? 0 : Math.max(0, startNotBefore - System.nanoTime());
    }

    /** Pool lock. Why workers cannot start, or null while they can. */
    WorkerStartException broken() {
        return broken;
    }

    private WorkerStartException startFailure(WorkerHandle w, int status) {
        Throwable init = w.initFailure();
        if (init != null) {
            return new WorkerStartException("workers of pool " + poolName + " cannot start: the initializer threw "
                    + init + " (" + MAX_START_FAILURES + " workers in a row)", init);
        }
        StringBuilder sb = new StringBuilder("workers of pool " + poolName + " cannot start: "
                + MAX_START_FAILURES + " worker JVMs in a row " + WorkerDiedException.describeExit(status)
                + " before they were ready. Command: " + String.join(" ", command));
        List<String> tail = w.stderrTail();
        if (!tail.isEmpty()) {
            sb.append("\nlast stderr lines:");
            tail.forEach(l -> sb.append("\n    ").append(l));
        }
        return new WorkerStartException(sb.toString(), null);
    }

    /** A worker said READY for the first time. Called without the pool lock. */
    void reportStarted(WorkerHandle w) {
        context.workerStarted(w.info());
    }

    /** A worker's process exited with {@code status}. Called without the pool lock. */
    void reportExited(WorkerHandle w, int status) {
        context.workerExited(w.info(), WorkerDiedException.describeExit(status));
    }

    // ---- exits --------------------------------------------------------------------------------------

    /*
     * Runs in the worker's exit handler thread. The reader has handled every answer the worker sent before
     * anything is decided (it ends at EOF and is joined), so the oldest unanswered task is the only one that
     * can have been running; the worker's StartedMark says whether it had started. If it had, the death is
     * blamed on it and spends one of its attempts; the tasks that had not started go back to the front of
     * the queue as they were.
     */
    private void exited(WorkerHandle w) {
        int status = w.awaitDrained();
        long started = StartedMark.readAndDelete(socket.getParent(), w.pid());
        Scheduler.Orphan killer = scheduler.remove(w, status, started);
        if (killer != null) {
            retryOrFail(killer.task(), new WorkerDiedException(w.pid(), status, killer.task().name(), killer.attempt(),
                    w.stderrTail()));
        }
    }

    /*
     * The retry policy runs here, outside the pool lock (its predicate is user code). A retry without a
     * backoff keeps the task's place at the front of the queue; one with a backoff waits on the Deadlines
     * timer, holding no thread, then queues behind what was submitted meanwhile. A task cancelled in
     * between is not run again: it was either done before requeue() (then it exits here) or is skipped
     * when its turn comes.
     */
    private void retryOrFail(RemoteTask<?> t, WorkerDiedException died) {
        if (!retry.shouldRetry(died.attempt(), died)) {
            t.failRemotely(died);
            t.exit();
            return;
        }
        if (!t.requeue()) {
            t.exit();
            return;
        }
        Duration delay = retry.delayAfter(died.attempt(), ThreadLocalRandom.current());
        if (delay.isZero()) {
            scheduler.retry(t, true);
        } else {
            deadlines.after(delay, () -> scheduler.retry(t, false));
        }
    }

    /** shutdownNow: kills every worker (core has cancelled their tasks). */
    void killAll(List<WorkerHandle> workers) {
        for (WorkerHandle w : workers) {
            w.kill();
        }
    }

    /** Waits for workers told to exit (killing those that do not within 5 s) and for their threads. */
    void awaitGone(List<WorkerHandle> workers) {
        for (WorkerHandle w : workers) {
            w.awaitGone(EXIT_GRACE);
        }
    }
}
