package io.tandem;

import io.tandem.spi.PoolListener;
import io.tandem.spi.PoolListeners;
import io.tandem.spi.TaskHandle;
import io.tandem.spi.WorkerInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Watches every pool of this JVM while open: the one subscription API behind the dashboard, traces and
 * tests. Opening a monitor turns event recording on; with no monitor (and no other {@link PoolListener})
 * open, pools record nothing and pay one volatile read per task.
 *
 * {@snippet :
 * try (Monitor monitor = Monitor.open()) {
 *     pool.map(x -> x * x, items);
 *     monitor.drain(e -> System.out.println(e));   // the tasks that finished, with worker and times
 *     monitor.failures().forEach(System.out::println);
 * }
 * }
 *
 * <p>What is kept: per pool, a bounded ring of task events (a task that ended, with its last attempt's
 * worker, start and end; a retried attempt), written without locks or allocation. Every task is recorded;
 * tiny ones (under {@value #TINY_TASK_NANOS} ns) are timed one in N, as reading the clock would cost
 * more than they do ({@link TaskEvent#timed()}), and a platform thread counts its untimed successes per
 * pool, label and worker instead of writing an event each (delivered as {@link EventSink#untimed}, or as
 * events with task -1 by {@link #drain}; exact, never dropped). When the reader falls
 * more than the ring's capacity behind, the oldest events are dropped and {@link PoolStats#dropped()}
 * counts them. Apart from the ring, and never dropped: each pool's counters, its workers, and every failure,
 * grouped by exception type and message ({@link #failures()}). Pools created before the monitor opened are
 * seen from their first event on.
 *
 * <p>Concurrency: recording is thread-safe and non-blocking. {@link #drain} has one consumer at a time (it
 * is synchronized); {@link #pools()}, {@link #failures()} and {@link #close()} may be called from any
 * thread. Closing stops recording; events already in the rings can still be drained.
 */
public final class Monitor implements AutoCloseable {
    /** The default ring capacity per pool, in events. */
    public static final int DEFAULT_CAPACITY = 1 << 16;

    private final int capacity;
    private final long openedNanos = System.nanoTime();
    private final Map<TaskPool, PoolRecord> pools = new ConcurrentHashMap<>();
    private final FailureBook failures = new FailureBook();
    private final java.util.ArrayDeque<PoolStats> retired = new java.util.ArrayDeque<>(); // guarded by this
    private final AutoCloseable registration;
    private volatile boolean closed;
    // tiny untimed successes, counted per platform thread instead of one ring event each (UntimedCounts)
    private final java.util.Queue<UntimedCounts> counted = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private Monitor(int capacity) {
        this.capacity = capacity;
        new EventRing(capacity); // validates the capacity before registering
        this.registration = PoolListeners.register(new Listener());
    }

    /** Opens a monitor with rings of {@link #DEFAULT_CAPACITY} events per pool. */
    public static Monitor open() {
        return new Monitor(DEFAULT_CAPACITY);
    }

    /** Opens a monitor whose rings hold {@code ringCapacity} events per pool (2 to 2^24, rounded up to a power of two). */
    public static Monitor open(int ringCapacity) {
        return new Monitor(ringCapacity);
    }

    /** {@link System#nanoTime()} when this monitor opened: the zero of its timelines. */
    public long openedNanos() {
        return openedNanos;
    }

    /** What happened to a task. */
    public enum Kind {
        /** It returned a value. */
        SUCCEEDED,
        /** It failed ({@link TaskEvent#error()} says why). */
        FAILED,
        /** It was cancelled (queued or running). */
        CANCELLED,
        /** An attempt after the first began (a worker died, a retry policy asked for it). */
        RETRIED
    }

    /**
     * One recorded event.
     *
     * @param kind       what happened
     * @param pool       the pool's name
     * @param task       the task's number within its pool; -1 for a tiny task counted untimed
     * @param label      the kind of work ({@link TaskHandle#label()}): what progress is grouped by
     * @param worker     where its last attempt ran, or {@code null} if it never started
     * @param attempt    the attempt's number (1 for the first), 0 if it never started
     * @param startNanos {@link System#nanoTime()} when the attempt started (= {@code endNanos} if it never did);
     *                   0 for a tiny task that was not timed (see {@link #timed()})
     * @param endNanos   {@link System#nanoTime()} when it ended (for RETRIED: when the new attempt began);
     *                   0 for a tiny task that was not timed
     * @param error      the failure, or {@code null}
     */
    public record TaskEvent(Kind kind, String pool, long task, String label, WorkerInfo worker, int attempt,
                            long startNanos, long endNanos, Throwable error) {
        /**
         * Whether the task's start and end were read from the clock. Reading the clock twice costs about as
         * much as a tiny task itself, so a task whose timed predecessors on the same thread took less than
         * {@value #TINY_TASK_NANOS} ns is timed one in N (N ~ that time / their duration, at most 64); the
         * others are still recorded, with start and end 0. Failures, cancellations and retries always carry
         * a time.
         */
        public boolean timed() {
            return endNanos != 0;
        }
    }

    /** Tasks shorter than this (ns) are timed one in N while observed; longer ones are all timed. */
    public static final long TINY_TASK_NANOS = TaskTiming.TINY_NANOS;

    /**
     * A worker of a pool as the monitor saw it.
     *
     * @param info        the worker
     * @param alive       whether it has not exited
     * @param exitReason  how it ended ("killed by signal 9"), or {@code null} while alive
     */
    public record WorkerState(WorkerInfo info, boolean alive, String exitReason) {
    }

    /**
     * A pool's counters (always kept) and what the monitor recorded of it.
     *
     * @param name        the pool's name
     * @param kind        its backend's kind ("threads", "virtual", "process", "scope")
     * @param parallelism how many tasks it runs at once
     * @param submitted   tasks accepted since the pool was created
     * @param unfinished  tasks accepted whose body has not exited (queued or running)
     * @param failed      tasks that failed
     * @param cancelled   tasks that were cancelled
     * @param recorded    events written to the ring while observed (untimed tiny tasks counted per thread are not)
     * @param dropped     events the ring lost before they were drained
     * @param terminated  whether the pool has terminated
     * @param workers     the workers reported by its backend (process workers, with pids), oldest first
     */
    public record PoolStats(String name, String kind, int parallelism, long submitted, long unfinished,
                            long failed, long cancelled, long recorded, long dropped, boolean terminated,
                            List<WorkerState> workers) {
        /** Workers that exited while the pool was running (each is replaced by a new one). */
        public long workerExits() {
            return workers.stream().filter(w -> !w.alive()).count();
        }
    }

    /**
     * Failures of one kind: same exception type, same message once digits are masked.
     *
     * @param type       the exception's class name
     * @param message    the first failure's message
     * @param stack      the first failure's stack trace, with causes
     * @param count      how many failures of this kind (exact)
     * @param firstNanos {@link System#nanoTime()} of the first
     * @param lastNanos  {@link System#nanoTime()} of the last
     * @param examples   where the first few happened ("pool / label #id on worker (pid), attempt n")
     */
    public record FailureGroup(String type, String message, String stack, long count, long firstNanos,
                               long lastNanos, List<String> examples) {
    }

    /**
     * Delivers every event recorded since the last drain, pool by pool (in each pool, in recording order per
     * recording thread); returns how many. Synchronized: one consumer at a time.
     */
    public int drain(Consumer<? super TaskEvent> sink) {
        Objects.requireNonNull(sink, "sink");
        return drainTo((kind, pool, task, label, worker, attempt, start, end, error) ->
                sink.accept(new TaskEvent(kind, pool, task, label, worker, attempt, start, end, error)));
    }

    /**
     * Receives drained events field by field: what a consumer that keeps up with millions of events a
     * second uses, as it costs no object per event. The parameters are those of {@link TaskEvent}.
     */
    @FunctionalInterface
    public interface EventSink {
        /** One event; called on the draining thread. */
        void event(Kind kind, String pool, long task, String label, WorkerInfo worker, int attempt,
                   long startNanos, long endNanos, Throwable error);

        /**
         * {@code count} tiny tasks of one label that succeeded on {@code worker}, first attempt, untimed
         * ({@link TaskEvent#timed()}): a platform thread counts them instead of recording one event each.
         * By default, {@code count} calls of {@link #event} with task -1 and times 0; a consumer that only
         * counts overrides it. Called on the draining thread.
         */
        default void untimed(String pool, String label, WorkerInfo worker, long count) {
            for (long i = 0; i < count; i++) {
                event(Kind.SUCCEEDED, pool, -1, label, worker, 1, 0, 0, null);
            }
        }
    }

    /** Like {@link #drain}, without an object per event. Synchronized: one consumer at a time. */
    public synchronized int drainTo(EventSink sink) {
        Objects.requireNonNull(sink, "sink");
        long n = 0;
        // read before draining: nothing is recorded for a terminated pool after it
        Set<PoolRecord> finished = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (PoolRecord p : pools.values()) {
            if (p.terminated) {
                finished.add(p);
            }
        }
        for (PoolRecord p : pools.values()) {
            String name = p.name;
            n += p.ring.drain((kind, id, start, end, attempt, label, worker, error) ->
                    sink.event(KINDS[kind], name, id, label, worker, attempt, start, end, error));
        }
        for (java.util.Iterator<UntimedCounts> it = counted.iterator(); it.hasNext(); ) {
            UntimedCounts c = it.next();
            boolean dead = !c.runner.thread.isAlive(); // read before draining: a dead thread counts nothing more
            n += c.drain((pool, label, worker, count) -> sink.untimed(((PoolRecord) pool).name, label, worker, count),
                    finished::contains);
            if (dead && c.isEmpty()) {
                it.remove();
            }
        }
        for (Map.Entry<TaskPool, PoolRecord> e : pools.entrySet()) {
            PoolRecord p = e.getValue();
            if (finished.contains(p) && p.ring.isEmpty()) {
                // a finished pool leaves the map (a program that opens many scopes makes many pools)
                pools.remove(e.getKey());
                retired.addLast(p.stats(e.getKey()));
                if (retired.size() > MAX_RETIRED) {
                    retired.removeFirst();
                }
            }
        }
        return (int) Math.min(Integer.MAX_VALUE, n);
    }

    /** Terminated pools whose stats are still listed after their events were drained. */
    static final int MAX_RETIRED = 256;

    private static final Kind[] KINDS = {null, Kind.SUCCEEDED, Kind.FAILED, Kind.CANCELLED, Kind.RETRIED};

    /**
     * Every pool seen: the terminated ones whose events were drained (the last {@value #MAX_RETIRED}),
     * then the others in no particular order.
     */
    public List<PoolStats> pools() {
        List<PoolStats> out;
        synchronized (this) {
            out = new ArrayList<>(retired);
        }
        for (Map.Entry<TaskPool, PoolRecord> e : pools.entrySet()) {
            out.add(e.getValue().stats(e.getKey()));
        }
        return out;
    }

    /** Every failure seen, grouped, most frequent first. */
    public List<FailureGroup> failures() {
        return failures.snapshot();
    }

    /** How many failures were seen (the sum of the groups' counts). */
    public long failureCount() {
        return failures.total();
    }

    /** Stops recording. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                registration.close();
            } catch (Exception e) {
                throw new IllegalStateException("unreachable: removing a listener does not fail", e);
            }
            // the pools and threads it watched forget it: a closed monitor (and its rings) can be collected
            for (TaskPool pool : pools.keySet()) {
                if (pool instanceof CorePool c) {
                    c.clearRecorderValue(this);
                }
            }
            for (UntimedCounts c : counted) {
                RecorderSlot s = c.runner.recorder;
                if (s != null && s.owner() == this) {
                    c.runner.recorder = null; // a racing new owner's slot may be lost: made again on its next task
                }
            }
        }
    }

    /**
     * This monitor's counts for {@code runner}, the calling thread; null while another open monitor counts
     * on it (a thread has one slot: the second of two monitors open at once records ring events instead).
     */
    private UntimedCounts counts(Labels.PlatformThread runner) {
        RecorderSlot s = runner.recorder;
        if (s != null && s.owner() == this) {
            return (UntimedCounts) s.value();
        }
        if (s != null && s.owner() instanceof Monitor other && !other.closed) {
            return null;
        }
        UntimedCounts c = new UntimedCounts(runner);
        counted.add(c);
        runner.recorder = new RecorderSlot(this, c);
        return c;
    }

    private PoolRecord record(TaskPool pool) {
        if (pool instanceof CorePool c) {
            // the pool caches its record for this monitor: no map lookup per event
            if (c.recorderValue(this) instanceof PoolRecord r) {
                return r;
            }
            PoolRecord r = pools.computeIfAbsent(pool, p -> new PoolRecord(p, capacity));
            c.recorderValue(this, r);
            return r;
        }
        PoolRecord r = pools.get(pool);
        return r != null ? r : pools.computeIfAbsent(pool, p -> new PoolRecord(p, capacity));
    }

    /** What the monitor keeps of one pool. */
    private static final class PoolRecord {
        final String name;
        final String kind;
        final EventRing ring;
        final Map<String, WorkerState> workers = new LinkedHashMap<>(); // guarded by this
        volatile boolean terminated;

        PoolRecord(TaskPool pool, int capacity) {
            this.name = pool.name();
            this.kind = pool instanceof CorePool c ? c.kind() : pool.getClass().getSimpleName();
            // a scope's own pool lives briefly and runs few tasks: a small ring, as programs open many scopes
            this.ring = new EventRing("scope".equals(kind) ? Math.min(capacity, 1024) : capacity);
        }

        synchronized void worker(WorkerInfo w, boolean alive, String reason) {
            // a worker that exited keeps its row (a restart shows as a new id next to it)
            workers.put(w.id() + "/" + w.pid(), new WorkerState(w, alive, reason));
        }

        PoolStats stats(TaskPool pool) {
            List<WorkerState> ws;
            synchronized (this) {
                ws = List.copyOf(workers.values());
            }
            CorePool c = pool instanceof CorePool cp ? cp : null;
            return new PoolStats(name, kind, pool.parallelism(),
                    c == null ? ring.recorded() : c.submittedCount(), c == null ? 0 : c.unfinishedCount(),
                    c == null ? 0 : c.failedCount(), c == null ? 0 : c.cancelledCount(),
                    ring.recorded(), ring.dropped(), terminated || pool.isTerminated(), ws);
        }
    }

    private final class Listener implements CorePool.TaskRecorder {
        @Override
        public void poolCreated(TaskPool pool, String kind) {
            record(pool);
        }

        @Override
        public void taskStarted(TaskPool pool, TaskHandle<?> task, WorkerInfo worker, int attempt) {
            if (attempt > 1) {
                long now = task.startNanos();
                record(pool).ring.add(EventRing.RETRIED, task.id(), now, now, attempt, task.label(), worker, null);
            }
        }

        @Override
        public void taskEnded(CorePool pool, TaskImpl<?> task) {
            // the pool's own tasks: no Outcome object per task (only a failure needs its error)
            switch (task.state()) {
                case SUCCESS -> {
                    if (task.startNanos() != 0 || !countedUntimed(pool, task)) {
                        ended(pool, task, EventRing.SUCCEEDED, null);
                    }
                }
                case FAILED -> taskDone(pool, task, task.outcomeQuietly());
                default -> ended(pool, task, EventRing.CANCELLED, null);
            }
        }

        @Override
        public void taskDone(TaskPool pool, TaskHandle<?> task, io.tandem.Outcome<?> outcome) {
            switch (outcome) {
                case Outcome.Success<?> s -> ended(pool, task, EventRing.SUCCEEDED, null);
                case Outcome.Failure<?> f -> {
                    PoolRecord r = ended(pool, task, EventRing.FAILED, f.error());
                    failures.add(f.error(), where(r.name, task, task.label(), task.worker(), task.attempt()), System.nanoTime());
                }
                case Outcome.Cancelled<?> c -> ended(pool, task, EventRing.CANCELLED, null);
            }
        }

        /** A tiny success left untimed on the platform thread calling: counted, not a ring event (if it can be). */
        private boolean countedUntimed(CorePool pool, TaskImpl<?> task) {
            Labels.PlatformThread runner = task.platformThread();
            if (runner == null || runner.thread != Thread.currentThread() || task.attempt() != 1) {
                return false;
            }
            Object labelId = task.labelSource();
            if (labelId == null) {
                return false;
            }
            UntimedCounts c = counts(runner);
            return c != null && (c.addToLast(pool, labelId, runner.worker) || c.add(pool, labelId, runner.worker)
                    || c.add(new UntimedCounts.Key(record(pool), pool, labelId, task.label(), runner.worker)));
        }

        private PoolRecord ended(TaskPool pool, TaskHandle<?> task, int kind, Throwable error) {
            long start = task.startNanos();
            long end = task instanceof TaskImpl<?> t ? t.endNanos() : 0;
            PoolRecord r = record(pool);
            if (end == 0 && (start != 0 || kind != EventRing.SUCCEEDED)) {
                // another kind of handle, or a tiny task left untimed that failed or was cancelled: its end
                // marks the failure on the stream (one clock read, for the rare case)
                end = System.nanoTime();
                start = start == 0 ? end : start;
            }
            r.ring.add(kind, task.id(), start, end, task.attempt(), task.label(), task.worker(), error);
            return r;
        }

        @Override
        public void workerStarted(TaskPool pool, WorkerInfo worker) {
            record(pool).worker(worker, true, null);
        }

        @Override
        public void workerExited(TaskPool pool, WorkerInfo worker, String reason) {
            record(pool).worker(worker, false, reason);
        }

        @Override
        public void poolTerminated(TaskPool pool) {
            record(pool).terminated = true;
        }
    }

    static String where(String pool, TaskHandle<?> task, String label, WorkerInfo worker, int attempt) {
        StringBuilder b = new StringBuilder(pool).append(" / ").append(label).append(" #").append(task.id());
        if (worker != null) {
            b.append(" on ").append(worker.id());
            if (worker.pid() >= 0) {
                b.append(" (pid ").append(worker.pid()).append(')');
            }
        }
        if (attempt > 0) {
            b.append(", attempt ").append(attempt);
        }
        return b.toString();
    }
}
