package io.tandem.graph.internal;

import io.tandem.Outcome;
import io.tandem.Task;
import io.tandem.graph.GraphEvent;
import io.tandem.graph.GraphException;
import io.tandem.graph.GraphRun;
import io.tandem.graph.RunOptions;
import io.tandem.graph.RunResult;
import io.tandem.graph.TaskResult;
import io.tandem.graph.TaskStatus;
import io.tandem.graph.TaskTimeoutException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/*
 * The scheduler of one run.
 *
 * Who owns what:
 *   Engine       the inbox and the drain loop below, the task list, each task's life cycle (ready ->
 *                launched -> completed -> retried or finished) and the end of the run.
 *   RunPools     the run's pools by name; which it created and must close, which it was given.
 *   Ledger       free worker slots per pool and free resource units: what a task may take.
 *   ReadyQueue   the ready tasks in dispatch order and the backfilling dispatch pass.
 *   Propagation  what a success, failure, skip or cancellation does to the tasks downstream.
 *   DelayTimer   the timer thread for attempt timeouts and retry backoffs, and its life cycle.
 *   TaskIndex    names of tasks, for tasks added while running (the only state shared with task threads).
 *   Events       delivery to the run's listener.
 * Everything but TaskIndex is touched by the scheduler loop only.
 *
 * The loop: all scheduling state belongs to a single logical scheduler loop. Whoever calls signal()
 * while nobody else is draining becomes the drainer (a work-in-progress counter, as in reactive "drain"
 * loops), processes the inbox (attempt completions, dynamic adds, retry timers, cancellation), then
 * dispatches ready tasks while worker slots and resources are free. Completions are posted by pool
 * threads into a lock-free MPSC inbox; the thread that posts the last one usually drains it and
 * dispatches the next task itself, so a freed worker picks up new work with no hand-off and no
 * scheduler thread. The inbox and the counter give the happens-before edges between drainers.
 *
 * Each pool gets at most its slots of tasks in flight, so the ready queue, not the pool's own queue,
 * decides what runs next. A direct pool runs a task inside submit: its completion lands in the inbox
 * while we are draining and is picked up by the same loop, so there is no recursion.
 */
public final class Engine implements GraphRun {
    private static final Object CANCEL = new Object();

    private record Add(Node node, String addedBy) {
    }

    private record RetryNow(Node node, int attempt) {
    }

    private final Map<String, Integer> capacity;
    private final RunPools pools;
    private final Ledger ledger;
    private final ReadyQueue ready = new ReadyQueue();
    private final Propagation propagation;
    private final DelayTimer timer = new DelayTimer();
    private final TaskIndex index;
    private final Events events;
    private final Consumer<Node> launcher = this::launch;
    private final ArrayList<Node> nodes;
    private final ConcurrentLinkedQueue<Object> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicInteger wip = new AtomicInteger();
    private final CountDownLatch done = new CountDownLatch(1);
    private final long t0;
    private final Instant wall0;
    private int finished; // scheduler-owned; read racily only for a timeout message
    private boolean started;
    private volatile boolean cancelled;
    private String cancelReason = "run cancelled";
    private volatile RunResult result;

    public Engine(List<Spec> specs, Analysis analysis, RunOptions options) {
        this.capacity = options.resources();
        this.pools = new RunPools(options);
        try {
            analysis.checkRun(capacity, pools.names());
        } catch (RuntimeException e) {
            pools.closeOwned();
            throw e;
        }
        this.ledger = new Ledger(pools, capacity);
        this.propagation = new Propagation(options.failurePolicy(), new Propagation.Effects() {
            @Override
            public void unblocked(Node n) {
                becameReady(n);
            }

            @Override
            public void skipped(Node n) {
                counted(n);
            }

            @Override
            public void cancelRun(String reason) {
                cancelAll(reason);
            }
        });
        int n = specs.size();
        this.nodes = new ArrayList<>(n);
        String lastPool = null;
        int lastPoolIndex = -1;
        for (int i = 0; i < n; i++) {
            Spec s = specs.get(i);
            if (!s.pool().equals(lastPool)) {
                lastPool = s.pool();
                lastPoolIndex = pools.indexOf(lastPool);
            }
            Node node = new Node(s, i, false, ledger.needs(s.resources()), lastPoolIndex);
            node.cp = analysis.cp[i];
            nodes.add(node);
        }
        for (int i = 0; i < n; i++) {
            Node node = nodes.get(i);
            int[] d = analysis.deps[i];
            node.deps = new Node[d.length];
            node.pending = d.length;
            for (int k = 0; k < d.length; k++) {
                node.deps[k] = nodes.get(d[k]);
            }
            int[] out = analysis.dependents[i];
            if (out.length > 0) {
                node.dependents = new ArrayList<>(out.length);
                for (int j : out) {
                    node.dependents.add(nodes.get(j));
                }
            }
        }
        this.index = new TaskIndex(nodes.toArray(Node[]::new));
        this.events = Events.of(options.listener(), observers());
        this.wall0 = Instant.now();
        this.t0 = System.nanoTime();
    }

    /* JVM-wide graph observers (dashboards) are told the graph's shape; nothing is built when there are none. */
    private List<Consumer<? super GraphEvent>> observers() {
        if (!io.tandem.graph.GraphObservers.any()) {
            return List.of();
        }
        List<io.tandem.graph.GraphObserver.TaskShape> shape = new ArrayList<>(nodes.size());
        for (Node n : nodes) {
            List<String> deps = new ArrayList<>(n.deps.length);
            for (Node d : n.deps) {
                deps.add(d.spec.name());
            }
            shape.add(new io.tandem.graph.GraphObserver.TaskShape(n.spec.name(), n.spec.pool(), List.copyOf(deps)));
        }
        return io.tandem.graph.GraphObservers.runStarting(List.copyOf(shape));
    }

    /** Starts the run: roots become ready and dispatch begins on the calling thread. */
    public Engine start() {
        inbox.add(this);
        signal();
        return this;
    }

    // ---- API (any thread) ----

    @Override
    public RunResult await() throws InterruptedException {
        done.await();
        pools.closeOwned();
        return result;
    }

    @Override
    public RunResult await(Duration timeout) throws InterruptedException, TimeoutException {
        if (!done.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new TimeoutException("graph run not finished after " + timeout.toMillis() + " ms (about "
                    + finished + " tasks have a final state; it keeps running: cancel() it to stop)");
        }
        pools.closeOwned();
        return result;
    }

    @Override
    public void cancel() {
        inbox.add(CANCEL);
        signal();
    }

    @Override
    public boolean isDone() {
        return done.getCount() == 0;
    }

    boolean isCancelled() {
        return cancelled;
    }

    /** Adds a task while the run goes on; called by a running task (any thread). */
    void addDynamic(Spec spec, String addedBy) {
        Analysis.check(spec, capacity, pools.names());
        Node[] deps = new Node[spec.deps().size()];
        int k = 0;
        for (String d : spec.deps()) {
            Node dn = index.lookup(d);
            if (dn == null) {
                throw new GraphException(spec.name(), "depends on unknown task '" + d + "'; a task added while running may only depend on tasks already added");
            }
            boolean dup = false;
            for (int q = 0; q < k; q++) {
                dup |= deps[q] == dn;
            }
            if (!dup) {
                deps[k++] = dn;
            }
        }
        Node node = new Node(spec, -1, true, ledger.needs(spec.resources()), pools.indexOf(spec.pool()));
        node.deps = k == deps.length ? deps : Arrays.copyOf(deps, k);
        if (!index.claim(node)) {
            throw TaskBuilderImpl.duplicate(spec.name());
        }
        inbox.add(new Add(node, addedBy));
        signal();
    }

    // ---- the scheduler loop ----

    private void signal() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            drain();
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private void drain() {
        for (;;) {
            Object m;
            while ((m = inbox.poll()) != null) {
                handle(m);
            }
            if (!cancelled) {
                ready.dispatch(ledger, launcher);
            }
            if (inbox.isEmpty()) {
                break;
            }
        }
        if (started && result == null && finished == nodes.size()) {
            complete();
        }
    }

    private void handle(Object m) {
        if (m instanceof Attempt a) {
            completed(a);
        } else if (m == this) {
            started = true;
            events.emit(() -> new GraphEvent.RunStarted(Duration.ofNanos(now()), nodes.size()));
            ArrayList<Node> roots = new ArrayList<>();
            for (Node n : nodes) {
                if (n.pending == 0) {
                    if (n.spec.skipIf() == null) {
                        roots.add(n);
                    } else {
                        becameReady(n);
                    }
                }
            }
            ready.addAll(roots);
        } else if (m instanceof Add add) {
            added(add);
        } else if (m instanceof RetryNow r) {
            if (r.node.status == null && !r.node.running) {
                if (cancelled) {
                    finish(r.node, TaskStatus.CANCELLED, null, null, "run cancelled");
                } else {
                    ready.add(r.node);
                }
            }
        } else if (m == CANCEL) {
            cancelAll("run cancelled");
        }
    }

    private void added(Add add) {
        Node n = add.node;
        nodes.add(n);
        events.emit(() -> new GraphEvent.TaskAdded(Duration.ofNanos(now()), n.spec.name(), add.addedBy));
        if (cancelled) {
            finish(n, TaskStatus.CANCELLED, null, null, "run cancelled");
            return;
        }
        int pending = 0;
        Node blocked = null;
        for (Node d : n.deps) {
            d.addDependent(n);
            if (d.status == null) {
                pending++;
            } else if (d.status != TaskStatus.SUCCEEDED) {
                blocked = d;
            }
        }
        n.pending = pending;
        if (blocked != null) {
            propagation.skipDownstream(blocked, n);
        } else if (pending == 0) {
            becameReady(n);
        }
    }

    private void becameReady(Node n) {
        if (n.spec.skipIf() != null) {
            boolean skip;
            try {
                skip = n.spec.skipIf().test(context(n, 0));
            } catch (Exception | Error e) {
                finish(n, TaskStatus.FAILED, null, e, null);
                return;
            }
            if (skip) {
                finish(n, TaskStatus.SKIPPED, null, null, "skip condition held");
                return;
            }
        }
        ready.add(n);
    }

    private Ctx context(Node n, int attempt) {
        return new Ctx(n.spec.name(), attempt, n.deps, this);
    }

    private void launch(Node n) {
        RunPools.Entry p = pools.get(n.pool);
        int slot = ledger.acquire(n);
        int number = ++n.attempts;
        n.running = true;
        n.worker = ledger.label(n.pool, slot);
        Attempt a = new Attempt(n, number, slot, context(n, number), t0);
        n.current = a;
        if (events.wanted()) {
            events.emit(() -> new GraphEvent.TaskStarted(Duration.ofNanos(now()), n.spec.name(), number, n.worker));
        }
        Task<Object> task;
        try {
            if (p.otherProcess()) {
                a.start = now();
                task = p.pool().submit(n.spec.name(), new Attempt.Remote(n.spec.fn(), a.ctx.snapshot()));
            } else {
                task = p.pool().submit(a);
            }
        } catch (RuntimeException e) {
            a.outcome = Outcome.failure(e);
            inbox.add(a);
            return;
        }
        a.task = task;
        Duration timeout = n.spec.timeout();
        if (timeout != null && !task.isDone()) {
            a.timeout = timer.schedule(() -> {
                a.timedOut = true;
                task.cancel(true);
            }, timeout);
        }
        task.onComplete(o -> {
            a.outcome = o;
            inbox.add(a);
            signal();
        });
    }

    private void completed(Attempt a) {
        Node n = a.node;
        ledger.release(n, a.slot);
        if (a.timeout != null) {
            a.timeout.cancel(false);
        }
        n.running = false;
        n.current = null;
        long end = a.end >= 0 ? a.end : now();
        long start = a.start >= 0 ? a.start : end;
        if (n.firstStart < 0) {
            n.firstStart = start;
        }
        n.lastEnd = end;
        if (n.status != null) {
            return;
        }
        Outcome<Object> o = a.outcome;
        if (o instanceof Outcome.Success<Object> s) {
            finish(n, TaskStatus.SUCCEEDED, s.value(), null, null);
            return;
        }
        Throwable error;
        if (a.timedOut) {
            error = new TaskTimeoutException(n.spec.name(), a.number, n.spec.timeout());
        } else if (o instanceof Outcome.Failure<Object> f) {
            error = unwrap(f.error());
        } else {
            error = null;
        }
        if (cancelled) {
            finish(n, TaskStatus.CANCELLED, null, null, cancelReason);
            return;
        }
        if (error == null) {
            error = new CancellationException("task '" + n.spec.name() + "' was cancelled by its pool (shut down?)");
        }
        if (n.spec.retry().shouldRetry(a.number, error)) {
            retry(n, a.number, error);
            return;
        }
        finish(n, TaskStatus.FAILED, null, error, null);
    }

    private void retry(Node n, int failedAttempt, Throwable error) {
        Duration delay = n.spec.retry().delayAfter(failedAttempt, ThreadLocalRandom.current());
        events.emit(() -> new GraphEvent.TaskRetrying(Duration.ofNanos(now()), n.spec.name(), failedAttempt, error, delay));
        if (delay.isZero()) {
            ready.add(n);
        } else {
            RetryNow r = new RetryNow(n, failedAttempt + 1);
            timer.schedule(() -> {
                inbox.add(r);
                signal();
            }, delay);
        }
    }

    private static Throwable unwrap(Throwable e) {
        while ((e instanceof CompletionException || e instanceof ExecutionException)
                && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    private void finish(Node n, TaskStatus status, Object value, Throwable error, String reason) {
        n.status = status;
        n.value = value;
        n.error = error;
        n.reason = reason;
        counted(n);
        propagation.finished(n, cancelled);
    }

    /* A task reached its final state (set by the caller): count it and tell the listener. */
    private void counted(Node n) {
        finished++;
        if (events.wanted()) {
            TaskResult r = n.result(wall0);
            events.emit(() -> new GraphEvent.TaskFinished(Duration.ofNanos(now()), r));
        }
    }

    private void cancelAll(String reason) {
        if (cancelled) {
            return;
        }
        cancelReason = reason;
        cancelled = true;
        ready.clear();
        for (Node n : nodes) {
            if (n.status == null && !n.running) {
                finish(n, TaskStatus.CANCELLED, null, null, reason);
            }
        }
        for (Node n : nodes) {
            if (n.running && n.current != null && n.current.task != null) {
                n.current.task.cancel(true);
            }
        }
    }

    private void complete() {
        timer.shutdown();
        List<TaskResult> results = new ArrayList<>(nodes.size());
        for (Node n : nodes) {
            results.add(n.result(wall0));
        }
        RunResult r = new RunResult(results, wall0, Duration.ofNanos(now()), cancelled, ledger.workers());
        result = r;
        events.emit(() -> new GraphEvent.RunFinished(Duration.ofNanos(now()), r));
        pools.shutdownOwned();
        done.countDown();
    }

    private long now() {
        return System.nanoTime() - t0;
    }
}
