package io.tandem.graph.internal;

import io.tandem.Outcome;
import io.tandem.Pools;
import io.tandem.Task;
import io.tandem.TaskPool;
import io.tandem.graph.FailurePolicy;
import io.tandem.graph.GraphEvent;
import io.tandem.graph.GraphException;
import io.tandem.graph.GraphRun;
import io.tandem.graph.RunOptions;
import io.tandem.graph.RunResult;
import io.tandem.graph.TaskResult;
import io.tandem.graph.TaskStatus;
import io.tandem.graph.TaskTimeoutException;
import io.tandem.process.ProcessPool;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/*
 * The scheduler of one run.
 *
 * All scheduling state (ready queue, dependency counts, resource counters, free worker slots, node
 * states) belongs to a single logical scheduler loop: whoever calls signal() while nobody else is
 * draining becomes the drainer (a work-in-progress counter, as in reactive "drain" loops), processes
 * the inbox (attempt completions, dynamic adds, retry timers, cancellation), then dispatches ready
 * tasks while worker slots and resources are free. Completions are posted by pool threads into a
 * lock-free MPSC inbox; the thread that posts the last one usually drains it and dispatches the next
 * task itself, so a freed worker picks up new work with no hand-off and no scheduler thread. The
 * inbox and the counter give the happens-before edges between drainers.
 *
 * Each pool gets at most parallelism() tasks in flight (slots), so the ready queue, ordered by
 * priority, then critical-path length, then insertion order, decides what runs next; the pool's own
 * queue never holds a backlog. A ready task whose resources or pool are busy is passed over (up to
 * SKIP_LIMIT per round) so a smaller task can use what is free (backfilling); everything passed over
 * goes back to the queue in order.
 *
 * A direct pool runs a task inside execute: its completion lands in the inbox while we are draining
 * and is picked up by the same loop, so there is no recursion.
 */
public final class Engine implements GraphRun {
    private static final int SKIP_LIMIT = 64;
    private static final Object CANCEL = new Object();

    private record Add(Node node, String addedBy) {
    }

    private record RetryNow(Node node, int attempt) {
    }

    private static final class PoolState {
        final String name;
        final TaskPool pool;
        final boolean remote;
        final boolean owned;
        final int[] freeSlots;
        final String[] labels;
        int free;

        PoolState(String name, TaskPool pool, boolean owned, int slots) {
            this.name = name;
            this.pool = pool;
            this.owned = owned;
            this.remote = pool instanceof ProcessPool;
            this.freeSlots = new int[slots];
            this.labels = new String[slots];
            for (int i = 0; i < slots; i++) {
                freeSlots[i] = slots - 1 - i;
                labels[i] = name + "#" + i;
            }
            this.free = slots;
        }
    }

    private final FailurePolicy policy;
    private final Consumer<? super GraphEvent> listener;
    private final Map<String, Integer> capacity;
    private final String[] resNames;
    private final int[] resFree;
    private final PoolState[] pools;
    private final Map<String, Integer> poolIndex;
    private final Node[] staticNodes;
    private volatile Map<String, Node> staticByName;
    private final ConcurrentHashMap<String, Node> dynamicByName = new ConcurrentHashMap<>();
    private final ArrayList<Node> nodes;
    private PriorityQueue<Node> ready = new PriorityQueue<>();
    private final ArrayList<Node> passedOver = new ArrayList<>();
    private final ConcurrentLinkedQueue<Object> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicInteger wip = new AtomicInteger();
    private final CountDownLatch done = new CountDownLatch(1);
    private final long t0;
    private final Instant wall0;
    private ScheduledExecutorService timer;
    private int finished; // scheduler-owned; read racily only for a timeout message
    private int freeSlotsTotal;
    private volatile boolean cancelled;
    private volatile RunResult result;
    private boolean started;

    public Engine(List<Spec> specs, Analysis analysis, RunOptions options) {
        this.policy = options.failurePolicy();
        this.listener = options.listener();
        this.capacity = options.resources();
        this.resNames = capacity.keySet().toArray(String[]::new);
        this.resFree = new int[resNames.length];
        for (int i = 0; i < resNames.length; i++) {
            resFree[i] = capacity.get(resNames[i]);
        }
        Map<String, TaskPool> given = options.pools();
        List<PoolState> ps = new ArrayList<>();
        this.poolIndex = new java.util.HashMap<>();
        int cap = options.maxInFlight() > 0 ? options.maxInFlight() : 4096;
        for (Map.Entry<String, TaskPool> e : given.entrySet()) {
            poolIndex.put(e.getKey(), ps.size());
            ps.add(new PoolState(e.getKey(), e.getValue(), false, Math.max(1, Math.min(cap, e.getValue().parallelism()))));
        }
        if (!given.containsKey(RunOptions.DEFAULT_POOL)) {
            TaskPool own = Pools.threads();
            poolIndex.put(RunOptions.DEFAULT_POOL, ps.size());
            ps.add(new PoolState(RunOptions.DEFAULT_POOL, own, true, Math.max(1, Math.min(cap, own.parallelism()))));
        }
        this.pools = ps.toArray(PoolState[]::new);
        for (PoolState p : pools) {
            freeSlotsTotal += p.free;
        }
        try {
            analysis.checkRun(capacity, poolIndex.keySet());
        } catch (RuntimeException e) {
            closeOwnedPools();
            throw e;
        }
        int n = specs.size();
        this.nodes = new ArrayList<>(n);
        String lastPool = null;
        int lastPoolIndex = -1;
        for (int i = 0; i < n; i++) {
            Spec s = specs.get(i);
            if (!s.pool().equals(lastPool)) {
                lastPool = s.pool();
                lastPoolIndex = poolIndex.get(lastPool);
            }
            Node node = new Node(s, i, false, needs(s), lastPoolIndex);
            node.cp = analysis.cp[i];
            nodes.add(node);
        }
        this.staticNodes = nodes.toArray(Node[]::new);
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
        this.wall0 = Instant.now();
        this.t0 = System.nanoTime();
    }

    private int[] needs(Spec s) {
        if (s.resources().isEmpty()) {
            return null;
        }
        int[] need = new int[resNames.length];
        for (int i = 0; i < resNames.length; i++) {
            need[i] = s.resources().getOrDefault(resNames[i], 0);
        }
        return need;
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
        closeOwnedPools();
        return result;
    }

    @Override
    public RunResult await(Duration timeout) throws InterruptedException, TimeoutException {
        if (!done.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new TimeoutException("graph run not finished after " + timeout.toMillis() + " ms (about "
                    + finished + " tasks have a final state; it keeps running: cancel() it to stop)");
        }
        closeOwnedPools();
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

    void addDynamic(Spec spec, String addedBy) {
        Analysis.check(spec, capacity, poolIndex.keySet());
        Node[] deps = new Node[spec.deps().size()];
        int k = 0;
        for (String d : spec.deps()) {
            Node dn = lookup(d);
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
        Node node = new Node(spec, -1, true, needs(spec), poolIndex.get(spec.pool()));
        node.deps = k == deps.length ? deps : java.util.Arrays.copyOf(deps, k);
        if (staticIndex().containsKey(spec.name()) || dynamicByName.putIfAbsent(spec.name(), node) != null) {
            throw TaskBuilderImpl.duplicate(spec.name());
        }
        inbox.add(new Add(node, addedBy));
        signal();
    }

    /* Built on the first dynamic add only: most runs never need a name index. */
    private Map<String, Node> staticIndex() {
        Map<String, Node> m = staticByName;
        if (m == null) {
            synchronized (this) {
                m = staticByName;
                if (m == null) {
                    m = new java.util.HashMap<>(Math.max(16, staticNodes.length * 4 / 3 + 1));
                    for (Node n : staticNodes) {
                        m.put(n.spec.name(), n);
                    }
                    staticByName = m;
                }
            }
        }
        return m;
    }

    private Node lookup(String name) {
        Node n = staticIndex().get(name);
        return n != null ? n : dynamicByName.get(name);
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
                dispatch();
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
            emit(() -> new GraphEvent.RunStarted(Duration.ofNanos(now()), nodes.size()));
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
            PriorityQueue<Node> heap = new PriorityQueue<>(roots); // heapify: O(n), not n log n adds
            heap.addAll(ready);
            ready = heap;
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
        emit(() -> new GraphEvent.TaskAdded(Duration.ofNanos(now()), n.spec.name(), add.addedBy));
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
            skipDownstreamOf(blocked, n);
        } else if (pending == 0) {
            becameReady(n);
        }
    }

    private void becameReady(Node n) {
        if (n.spec.skipIf() != null) {
            boolean skip;
            try {
                skip = n.spec.skipIf().test(context(n, 0));
            } catch (RuntimeException | Error e) {
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

    private void dispatch() {
        while (freeSlotsTotal > 0 && !ready.isEmpty()) {
            Node n = ready.poll();
            if (pools[n.pool].free == 0 || !fits(n.need)) {
                passedOver.add(n);
                if (passedOver.size() >= SKIP_LIMIT) {
                    break;
                }
                continue;
            }
            launch(n);
        }
        if (!passedOver.isEmpty()) {
            ready.addAll(passedOver);
            passedOver.clear();
        }
    }

    private boolean fits(int[] need) {
        if (need == null) {
            return true;
        }
        for (int i = 0; i < need.length; i++) {
            if (need[i] > resFree[i]) {
                return false;
            }
        }
        return true;
    }

    private void launch(Node n) {
        PoolState p = pools[n.pool];
        int slot = p.freeSlots[--p.free];
        freeSlotsTotal--;
        if (n.need != null) {
            for (int i = 0; i < n.need.length; i++) {
                resFree[i] -= n.need[i];
            }
        }
        int number = ++n.attempts;
        n.running = true;
        n.worker = p.labels[slot];
        Attempt a = new Attempt(n, number, slot, context(n, number), t0);
        n.current = a;
        if (listener != null) {
            emit(() -> new GraphEvent.TaskStarted(Duration.ofNanos(now()), n.spec.name(), number, n.worker));
        }
        Task<Object> task;
        try {
            if (p.remote) {
                a.start = now();
                task = p.pool.submit(n.spec.name(), new Attempt.Remote(n.spec.fn(), a.ctx.snapshot()));
            } else {
                task = p.pool.submit(a);
            }
        } catch (RuntimeException e) {
            a.outcome = Outcome.failure(e);
            inbox.add(a);
            return;
        }
        a.task = task;
        Duration timeout = n.spec.timeout();
        if (timeout != null && !task.isDone()) {
            a.timeout = timer().schedule(() -> {
                a.timedOut = true;
                task.cancel(true);
            }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        task.onComplete(o -> {
            a.outcome = o;
            inbox.add(a);
            signal();
        });
    }

    private ScheduledExecutorService timer() {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("tandem-graph-timer").factory());
        }
        return timer;
    }

    private void completed(Attempt a) {
        Node n = a.node;
        PoolState p = pools[n.pool];
        p.freeSlots[p.free++] = a.slot;
        freeSlotsTotal++;
        if (n.need != null) {
            for (int i = 0; i < n.need.length; i++) {
                resFree[i] += n.need[i];
            }
        }
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
            Duration delay = n.spec.retry().delayAfter(a.number, java.util.concurrent.ThreadLocalRandom.current());
            Throwable err = error;
            emit(() -> new GraphEvent.TaskRetrying(Duration.ofNanos(now()), n.spec.name(), a.number, err, delay));
            if (delay.isZero()) {
                ready.add(n);
            } else {
                RetryNow r = new RetryNow(n, a.number + 1);
                timer().schedule(() -> {
                    inbox.add(r);
                    signal();
                }, delay.toNanos(), TimeUnit.NANOSECONDS);
            }
            return;
        }
        finish(n, TaskStatus.FAILED, null, error, null);
    }

    private String cancelReason = "run cancelled";

    private static Throwable unwrap(Throwable e) {
        while ((e instanceof CompletionException || e instanceof ExecutionException || e instanceof TaskFailedException)
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
        finished++;
        if (listener != null) {
            TaskResult r = resultOf(n);
            emit(() -> new GraphEvent.TaskFinished(Duration.ofNanos(now()), r));
        }
        switch (status) {
            case SUCCEEDED -> {
                if (n.dependents != null) {
                    for (Node d : n.dependents) {
                        if (--d.pending == 0 && d.status == null) {
                            becameReady(d);
                        }
                    }
                }
            }
            case FAILED -> {
                if (policy == FailurePolicy.FAIL_FAST) {
                    cancelAll("cancelled: task '" + n.spec.name() + "' failed (fail-fast)");
                } else {
                    skipDownstream(n);
                }
            }
            case SKIPPED -> skipDownstream(n);
            case CANCELLED -> {
                if (!cancelled) {
                    skipDownstream(n);
                }
            }
        }
    }

    private String rootCause(Node n) {
        if (n.status == TaskStatus.SKIPPED && n.reason != null && n.reason.startsWith("upstream ")) {
            return n.reason;
        }
        return "upstream task '" + n.spec.name() + "' " + switch (n.status) {
            case FAILED -> "failed";
            case SKIPPED -> "was skipped";
            case CANCELLED -> "was cancelled";
            case SUCCEEDED -> "succeeded";
        };
    }

    private void skipDownstream(Node n) {
        if (n.dependents == null) {
            return;
        }
        for (Node d : n.dependents) {
            skipDownstreamOf(n, d);
        }
    }

    /* Iterative: a failure at the head of a million-task chain must not overflow the stack. */
    private void skipDownstreamOf(Node cause, Node first) {
        String reason = rootCause(cause);
        ArrayList<Node> stack = new ArrayList<>();
        stack.add(first);
        while (!stack.isEmpty()) {
            Node d = stack.removeLast();
            if (d.status != null || d.running) {
                continue;
            }
            d.status = TaskStatus.SKIPPED;
            d.reason = reason;
            finished++;
            if (listener != null) {
                TaskResult r = resultOf(d);
                emit(() -> new GraphEvent.TaskFinished(Duration.ofNanos(now()), r));
            }
            if (d.dependents != null) {
                stack.addAll(d.dependents);
            }
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
        if (timer != null) {
            timer.shutdownNow();
        }
        List<TaskResult> results = new ArrayList<>(nodes.size());
        for (Node n : nodes) {
            results.add(resultOf(n));
        }
        List<String> workers = new ArrayList<>();
        for (PoolState p : pools) {
            Collections.addAll(workers, p.labels);
        }
        RunResult r = new RunResult(results, wall0, Duration.ofNanos(now()), cancelled, workers);
        result = r;
        emit(() -> new GraphEvent.RunFinished(Duration.ofNanos(now()), r));
        for (PoolState p : pools) {
            if (p.owned) {
                p.pool.shutdown();
            }
        }
        done.countDown();
    }

    private void closeOwnedPools() {
        for (PoolState p : pools) {
            if (p.owned) {
                p.pool.close();
            }
        }
    }

    private TaskResult resultOf(Node n) {
        boolean ran = n.firstStart >= 0;
        return new TaskResult(n.spec.name(), n.status, n.value, n.error, n.reason, n.attempts,
                ran ? wall0.plusNanos(n.firstStart) : null,
                ran ? Duration.ofNanos(n.firstStart) : null,
                ran ? Duration.ofNanos(n.lastEnd) : null,
                ran ? n.worker : null, n.spec.priority(), n.dynamic);
    }

    private long now() {
        return System.nanoTime() - t0;
    }

    private void emit(java.util.function.Supplier<GraphEvent> event) {
        if (listener != null) {
            try {
                listener.accept(event.get());
            } catch (RuntimeException e) {
                System.getLogger("io.tandem.graph").log(System.Logger.Level.WARNING, "graph event listener failed", e);
            }
        }
    }
}
