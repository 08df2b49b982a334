package io.tandem.process.internal;

import io.tandem.PoolClosedException;
import io.tandem.process.WorkerStartException;
import io.tandem.spi.PoolContext;

import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Decides which task goes to which worker: the queue of tasks waiting for a worker, the roster of
 * workers, and the pump that sends each waiting task to the least loaded ready worker (up to the
 * pipeline depth) and starts the workers that are missing.
 *
 * <p>The pool lock. This class owns the pool's one lock. It guards the waiting queue, the roster, the
 * {@code stopping} flag, every {@link WorkerHandle}'s scheduling state, every {@link RemoteTask}'s placement
 * and the {@link Supervisor}'s start-up state (which the Supervisor only touches when called from here).
 * Nothing slow or foreign runs under it: no decoding, no task completion (callbacks), no socket flush, no
 * retry predicate. Each public step takes the lock once, lets {@link #pump} decide, releases the lock and
 * then carries the decision out ({@link #apply}): the flushes, the timeouts to arm, the tasks to fail.
 *
 * <p>It creates its {@link Supervisor} and {@link Deadlines}, the two parts that call back into it (a worker
 * exited; a deadline came); they only keep the reference until then. Thread-safe.
 */
final class Scheduler {
    private final int size;
    private final int pipelineDepth;
    private final int maxTasksPerWorker;
    private final String poolName;
    private final Flusher flusher;
    private final Deadlines deadlines;
    private final Supervisor supervisor;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition workersChanged = lock.newCondition();
    private final ArrayDeque<RemoteTask<?>> pending = new ArrayDeque<>(); // lock
    private final List<WorkerHandle> workers = new ArrayList<>();        // lock
    private boolean stopping;                                            // lock
    private boolean startArmed;                                          // lock: a delayed worker start is on the timer
    private volatile boolean shutdown;

    Scheduler(ProcessPoolConfig cfg, String poolName, Flusher flusher, Path socket, String token) {
        this.size = cfg.workers();
        this.pipelineDepth = cfg.pipelineDepth();
        this.maxTasksPerWorker = cfg.maxTasksPerWorker();
        this.poolName = poolName;
        this.flusher = flusher;
        this.deadlines = new Deadlines(this, poolName, cfg.taskTimeout(), cfg.cancelGrace());
        this.supervisor = new Supervisor(this, deadlines, cfg, poolName, socket, token);
    }

    void attach(PoolContext context) {
        supervisor.attach(context);
    }

    /** The pool stopped accepting tasks: no worker is started any more unless a task waits for one. */
    void shutdown() {
        shutdown = true;
    }

    // ---- steps ------------------------------------------------------------------------------------

    /** Starts the first workers. */
    void start() {
        supervisor.prepare(); // before the lock: submitters must not wait for the command line's making
        Pump p;
        lock.lock();
        try {
            p = pump();
        } finally {
            lock.unlock();
        }
        apply(p);
    }

    /** The backoff after early worker deaths is over: start the workers that are missing. */
    private void startDue() {
        Pump p;
        lock.lock();
        try {
            startArmed = false;
            p = pump();
        } finally {
            lock.unlock();
        }
        apply(p);
    }

    /** A new task: queue it and send it on if a worker has room. */
    void submit(RemoteTask<?> t) {
        Pump p;
        lock.lock();
        try {
            pending.add(t);
            p = pump();
        } finally {
            lock.unlock();
        }
        apply(p);
    }

    /** A task whose worker died goes again: at the front of the queue, or at the back after a backoff. */
    void retry(RemoteTask<?> t, boolean front) {
        Pump p;
        lock.lock();
        try {
            if (front) {
                pending.addFirst(t);
            } else {
                pending.add(t);
            }
            p = pump();
        } finally {
            lock.unlock();
        }
        apply(p);
    }

    /**
     * The worker with this pid connected (on its reader thread): returns it with its INIT frame sent, or
     * null if no worker of this pool has that pid.
     */
    WorkerHandle connect(long pid, SocketChannel channel, byte[] initializer) {
        WorkerHandle w = null;
        lock.lock();
        try {
            for (WorkerHandle candidate : workers) {
                if (candidate.pid() == pid) {
                    w = candidate;
                    break;
                }
            }
            if (w != null) {
                w.connect(channel, Thread.currentThread());
                w.write(Frames.INIT, 0, initializer); // under the lock: before any SHUTDOWN from stop()
            }
        } finally {
            lock.unlock();
        }
        if (w != null) {
            w.flush();
        }
        return w;
    }

    /** The worker ran its initializer and takes tasks. */
    void ready(WorkerHandle w) {
        Pump p;
        boolean started;
        lock.lock();
        try {
            started = w.markReady();
            supervisor.started();
            workersChanged.signalAll();
            p = pump();
        } finally {
            lock.unlock();
        }
        if (started) {
            supervisor.reportStarted(w);
        }
        apply(p);
    }

    /**
     * Worker {@code w} answered task {@code id}: the task leaves it, the next one there becomes its running
     * task, and the freed room is filled. Returns the task to complete (without the lock), or null.
     */
    RemoteTask<?> answered(WorkerHandle w, long id) {
        RemoteTask<?> t;
        Pump p;
        lock.lock();
        try {
            t = w.answered(id);
            if (t == null) {
                return null;
            }
            RemoteTask<?> head = w.oldest();
            boolean newHead = head != null && head.becameHead();
            p = pump();
            if (newHead) {
                p.timeouts.add(head);
            }
            if (!p.flush.contains(w)) {
                p.flush.add(w);
            }
        } finally {
            lock.unlock();
        }
        apply(p);
        return t;
    }

    /** A cancelled or timed-out task: drop it if it waits, else interrupt it in its worker and arm the grace kill. */
    void abandon(RemoteTask<?> t) {
        WorkerHandle w = null;
        boolean dropped = false;
        lock.lock();
        try {
            if (pending.remove(t)) {
                dropped = true;
            } else {
                WorkerHandle at = t.worker();
                if (at != null && at.has(t)) {
                    w = at;
                    w.write(Frames.CANCEL, t.wireId, null);
                }
            }
        } finally {
            lock.unlock();
        }
        if (dropped) {
            t.exit();
        } else if (w != null) {
            w.flush();
            deadlines.armGraceKill(w, t);
        }
    }

    /** A task that was running in a worker when it died, with the attempt that was running. */
    record Orphan(RemoteTask<?> task, int attempt) {
    }

    /**
     * Worker {@code w} exited with {@code status} and every frame it sent was handled: it leaves the roster,
     * a worker that never became ready is reported to the Supervisor's breaker, the tasks whose body had not
     * started there go back to the front of the queue (no attempt spent), and a replacement starts. Returns
     * the task whose body was running (not done yet; it spent an attempt), whose fate the Supervisor decides,
     * or null. {@code started} is the id of the last task the worker started, or {@link StartedMark#UNKNOWN}.
     */
    Orphan remove(WorkerHandle w, int status, long started) {
        List<RemoteTask<?>> exits = new ArrayList<>();
        Orphan killer = null;
        Pump p;
        lock.lock();
        try {
            workers.remove(w);
            boolean starting = w.isStarting();
            List<RemoteTask<?>> orphans = w.die();
            if (starting && !stopping) {
                supervisor.diedStarting(w, status);
            }
            for (int i = orphans.size() - 1; i >= 0; i--) {
                RemoteTask<?> t = orphans.get(i);
                if (t.isDone()) {
                    exits.add(t);
                } else if (i == 0 && (started == t.wireId || started == StartedMark.UNKNOWN)) {
                    killer = new Orphan(t, t.attemptDied()); // unknown: blamed, so a crashing task cannot loop forever
                } else if (t.requeue()) {
                    pending.addFirst(t);
                } else {
                    exits.add(t);
                }
            }
            workersChanged.signalAll();
            p = pump();
        } finally {
            lock.unlock();
        }
        supervisor.reportExited(w, status);
        for (RemoteTask<?> t : exits) {
            t.exit();
        }
        apply(p);
        return killer;
    }

    // ---- what deadlines check -----------------------------------------------------------------------

    /** When {@code t} became its worker's running task (0 if it is not). */
    long headStamp(RemoteTask<?> t) {
        lock.lock();
        try {
            return t.headSince();
        } finally {
            lock.unlock();
        }
    }

    /** The worker where {@code t} is still the running task it became at {@code stamp}, or null. */
    WorkerHandle runningSince(RemoteTask<?> t, long stamp) {
        lock.lock();
        try {
            WorkerHandle w = t.worker();
            if (t.isDone() || w == null || t.headSince() != stamp || !w.has(t)) {
                return null;
            }
            return w;
        } finally {
            lock.unlock();
        }
    }

    /** Whether worker {@code w} still has {@code t} (sent, not answered). */
    boolean stillIn(WorkerHandle w, RemoteTask<?> t) {
        lock.lock();
        try {
            return w.has(t);
        } finally {
            lock.unlock();
        }
    }

    // ---- the pump -----------------------------------------------------------------------------------

    /** What {@link #pump} decided; carried out by {@link #apply} after the lock is released. */
    private static final class Pump {
        final List<WorkerHandle> flush = new ArrayList<>(2);
        final List<WorkerHandle> later = new ArrayList<>(2);
        final List<RemoteTask<?>> timeouts = new ArrayList<>(0);
        final List<RemoteTask<?>> failBroken = new ArrayList<>(0);
        WorkerStartException broken;
        long startIn; // nanoseconds until workers may start again after early deaths; 0: no timer to arm
    }

    /*
     * Holds the lock. Sends waiting tasks to the least loaded ready workers with room, then starts workers
     * until the pool has its size (unless it is shut down with nothing waiting, or stopping). A task sent
     * to a worker with nothing else in flight may find it idle: its frame is flushed at once; otherwise it
     * is batched by the Flusher. Once the pool is broken, what waits fails instead.
     */
    private Pump pump() {
        Pump p = new Pump();
        if (failIfBroken(p)) {
            return p;
        }
        int share = fairShare();
        while (!pending.isEmpty()) {
            WorkerHandle w = leastLoaded(share);
            if (w == null) {
                break;
            }
            RemoteTask<?> t = pending.poll();
            if (!t.start()) {
                continue; // cancelled while it waited
            }
            if (w.assign(t, maxTasksPerWorker)) {
                t.becameHead();
                p.timeouts.add(t);
                if (!p.flush.contains(w)) {
                    p.flush.add(w);
                }
            } else if (!p.later.contains(w)) {
                p.later.add(w);
            }
        }
        boolean wanted = !shutdown || !pending.isEmpty();
        while (wanted && !stopping && countLive() < size) {
            long delay = supervisor.startDelayNanos();
            if (delay > 0) {
                if (!startArmed) {
                    startArmed = true;
                    p.startIn = delay;
                }
                break;
            }
            WorkerHandle w = supervisor.spawn();
            if (w == null) {
                failIfBroken(p); // the JVM cannot be started: what waits must not wait for it
                break;
            }
            workers.add(w);
        }
        return p;
    }

    private boolean failIfBroken(Pump p) {
        WorkerStartException broken = supervisor.broken();
        if (broken == null) {
            return false;
        }
        p.broken = broken;
        p.failBroken.addAll(pending);
        pending.clear();
        return true;
    }

    /*
     * How many tasks one worker may hold now: its fair part of what is in flight and waiting, counting the
     * workers still starting, at most the pipeline depth. Without it the first worker to be ready took a
     * whole small map (16 chunks fit its pipeline) and ran it alone while the others were still starting
     * (a cold 20-item fetch-and-parse map ran on one worker of two). It never idles a ready worker while
     * tasks wait: as a worker's load drops, the share is recomputed at the next pump.
     */
    private int fairShare() {
        int live = 0;
        int inFlight = 0;
        for (WorkerHandle w : workers) {
            if (w.isLive()) {
                live++;
                inFlight += w.load();
            }
        }
        int all = inFlight + pending.size();
        return Math.min(pipelineDepth, Math.max(1, Math.ceilDiv(all, Math.max(1, live))));
    }

    private WorkerHandle leastLoaded(int share) {
        WorkerHandle best = null;
        for (WorkerHandle w : workers) {
            if (w.isReady() && w.load() < share && (best == null || w.load() < best.load())) {
                best = w;
            }
        }
        return best;
    }

    private int countLive() {
        int n = 0;
        for (WorkerHandle w : workers) {
            if (w.isLive()) {
                n++;
            }
        }
        return n;
    }

    private void apply(Pump p) {
        if (p.startIn > 0) {
            deadlines.after(Duration.ofNanos(p.startIn), this::startDue);
        }
        for (WorkerHandle w : p.flush) {
            w.flush();
        }
        for (WorkerHandle w : p.later) {
            if (!p.flush.contains(w)) {
                flusher.flushSoon(w);
            }
        }
        if (!p.later.isEmpty()) {
            flusher.wake();
        }
        for (RemoteTask<?> t : p.timeouts) {
            deadlines.armTimeout(t);
        }
        for (RemoteTask<?> t : p.failBroken) {
            t.failRemotely(p.broken);
            t.exit();
        }
    }

    // ---- life cycle ---------------------------------------------------------------------------------

    /**
     * Every task has exited: tell the workers to exit, wait until they have (killing those that do not),
     * then stop the deadline timer.
     */
    void stopWorkers() {
        List<WorkerHandle> all;
        lock.lock();
        try {
            stopping = true;
            all = new ArrayList<>(workers);
            for (WorkerHandle w : all) {
                w.requestExit();
            }
        } finally {
            lock.unlock();
        }
        for (WorkerHandle w : all) {
            w.flush();
        }
        supervisor.awaitGone(all);
        deadlines.close();
    }

    /** shutdownNow: kills every worker (core has cancelled their tasks; their answers no longer matter). */
    void killWorkers() {
        List<WorkerHandle> all;
        lock.lock();
        try {
            all = new ArrayList<>(workers);
        } finally {
            lock.unlock();
        }
        supervisor.killAll(all);
    }

    boolean awaitReady(Duration timeout) throws InterruptedException {
        long left = timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                WorkerStartException broken = supervisor.broken();
                if (broken != null) {
                    throw broken;
                }
                if (shutdown) {
                    throw new PoolClosedException("pool " + poolName + " is shut down; its workers will not become ready");
                }
                if (countReady() >= size) {
                    return true;
                }
                if (left <= 0) {
                    return false;
                }
                left = workersChanged.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    private int countReady() {
        int ready = 0;
        for (WorkerHandle w : workers) {
            if (w.isReady()) {
                ready++;
            }
        }
        return ready;
    }

    String describe() {
        lock.lock();
        try {
            return countReady() + " of " + size + " workers ready, " + pending.size() + " tasks waiting for a worker";
        } finally {
            lock.unlock();
        }
    }

    List<Long> workerPids() {
        lock.lock();
        try {
            return workers.stream().map(WorkerHandle::pid).toList();
        } finally {
            lock.unlock();
        }
    }

    long workersStarted() {
        return supervisor.workersStarted();
    }
}
