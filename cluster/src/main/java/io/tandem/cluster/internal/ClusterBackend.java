package io.tandem.cluster.internal;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import io.tandem.RetryPolicy;
import io.tandem.cluster.ClusterJoinException;
import io.tandem.cluster.MemberLostException;
import io.tandem.cluster.MemberStatus;
import io.tandem.process.CodecException;
import io.tandem.spi.Capability;
import io.tandem.spi.MapChunk;
import io.tandem.spi.PoolBackend;
import io.tandem.spi.PoolContext;
import io.tandem.spi.TaskHandle;
import io.tandem.spi.WorkerInfo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/*
 * The cluster pool's backend: this process is a lite Hazelcast member (it owns no data) that places tasks
 * on worker members and keeps the record of what runs where.
 *
 * Placement. Each task goes to the worker with the lowest load (tasks in flight per announced core) that
 * has room (cores * depth in flight: several per core, so the round trip does not bound throughput).
 * Tasks that find no room wait here, in submission order, and are placed as answers free room or members
 * join. A task that still waits after `noMemberTimeout` with no worker in the cluster fails, so nothing
 * waits forever for a cluster that is gone.
 *
 * The in-flight record. Every placed task is in its member's inFlight map, keyed by id, with its attempt
 * number. An answer is taken only if it names the task's current attempt on that member: a late answer
 * from an attempt that was given up (its member was declared lost, then came back) is discarded, so a
 * task's result is delivered once even though execution is at-least-once.
 *
 * Member loss. When Hazelcast removes a member (closed connection and missed heartbeats past the
 * detection timeout), every task in flight there spends an attempt: it is placed again (after the retry
 * policy's backoff) if the policy allows, else fails with MemberLostException naming the member, the task
 * and the attempt. We cannot know whether a task had started there, so all are counted as started.
 *
 * Threads and locks. One lock guards nodes, waiting and every Node's and Placed's fields. Hazelcast's
 * threads deliver answers and membership events; one sender thread seals and sends per-member batches
 * (so a burst of submissions becomes one message per member); one timer runs retry backoffs and the
 * no-member timeout. Nothing is completed, decoded or sent under the lock.
 */
final class ClusterBackend implements PoolBackend, Envelope.Endpoint {
    private static final Set<Capability> CAPABILITIES =
            EnumSet.of(Capability.OTHER_PROCESS, Capability.HOLDS_RESOURCES, Capability.INTERRUPTS);

    private final ClusterConfig cfg;
    private final Seal seal;
    private final ClassServer classes = new ClassServer(Thread.currentThread().getContextClassLoader());
    private final Object lock = new Object();
    private final Map<UUID, Node> nodes = new LinkedHashMap<>();  // guarded by lock
    private final ArrayDeque<Placed> waiting = new ArrayDeque<>(); // guarded by lock
    private final List<String> refusals = new ArrayList<>();        // guarded by lock
    private long firstRefusal;                                      // guarded by lock; System.nanoTime()
    private final Set<UUID> examined = java.util.concurrent.ConcurrentHashMap.newKeySet(); // members added() has seen
    private final ScheduledExecutorService timer;
    private final Thread sender;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile HazelcastInstance hz;
    private volatile IExecutorService exec;
    private volatile PoolContext context;
    private volatile boolean stopping;
    private volatile int parallelism;
    private boolean sendWanted; // guarded by lock
    private long emptySince = System.nanoTime(); // guarded by lock
    private LocalMembers local;

    static final class Node {
        final Member member;
        final MemberInfo info;
        final String address;
        final WorkerInfo worker;
        final Map<Long, Placed> inFlight = new LinkedHashMap<>();
        List<Batch.Sent> outbox = new ArrayList<>();
        List<Long> cancels = new ArrayList<>();

        Node(Member member, MemberInfo info) {
            this.member = member;
            this.info = info;
            this.address = member.getAddress().getHost() + ":" + member.getAddress().getPort();
            this.worker = new WorkerInfo("member-" + address, info.pid(), member.getAddress().getHost());
        }

        double load() {
            return (double) inFlight.size() / Math.max(1, info.cores());
        }

        /*
         * How many of this pool's tasks may be in flight here: cores * depth (pipelined), or for a pool whose
         * tasks each need resources (gpu=1), as many as the member's resources hold, not one more.
         */
        int capacity(Map<String, Integer> require, int depth) {
            if (require.isEmpty()) {
                return info.cores() * depth;
            }
            int slots = Integer.MAX_VALUE;
            for (Map.Entry<String, Integer> r : require.entrySet()) {
                slots = Math.min(slots, info.resources().getOrDefault(r.getKey(), 0) / r.getValue());
            }
            return slots;
        }
    }

    static final class Placed {
        final TaskHandle<?> task;
        final byte[] payload;
        final ClassLoader loader;
        int attempt;
        Node node;

        Placed(TaskHandle<?> task, byte[] payload, ClassLoader loader) {
            this.task = task;
            this.payload = payload;
            this.loader = loader;
        }
    }

    ClusterBackend(ClusterConfig cfg) {
        this.cfg = cfg;
        this.seal = cfg.secret().seal();
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1,
                r -> Thread.ofPlatform().daemon(true).name(cfg.name() + "-timer").unstarted(r));
        t.setRemoveOnCancelPolicy(true);
        this.timer = t;
        this.sender = Thread.ofPlatform().daemon(true).name(cfg.name() + "-sender").unstarted(this::sendLoop);
    }

    /** Joins the cluster (starting local members first if asked) and waits for {@code minMembers} workers. */
    void start() {
        List<String> join = cfg.join();
        hz = HazelcastSetup.start(new HazelcastSetup.Options(cfg.clusterName(), cfg.bind(), 0, join, true,
                cfg.detection(), new MemberInfo(MemberInfo.SUBMITTER, 0, 0, Map.of(), ProcessHandle.current().pid(),
                cfg.bind()).seal(seal), this, cfg.secret().configured(), cfg.name() + "-" + UUID.randomUUID()));
        exec = hz.getExecutorService(ClusterNames.EXECUTOR);
        hz.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent e) {
                added(e.getMember());
            }

            @Override
            public void memberRemoved(MembershipEvent e) {
                removed(e.getMember());
            }
        });
        for (Member m : hz.getCluster().getMembers()) {
            added(m);
        }
        sender.start();
        timer.scheduleWithFixedDelay(this::checkEmpty, 500, 500, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::reconcile, 500, 500, TimeUnit.MILLISECONDS);
        if (cfg.localMembers() > 0) {
            Member me = hz.getCluster().getLocalMember();
            local = LocalMembers.start(cfg, me.getAddress().getHost() + ":" + me.getAddress().getPort());
        }
    }

    void awaitMembers(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (nodes.size() < count) {
                long left = deadline - System.nanoTime();
                String failed = local == null ? null : local.failure();
                // refused and nobody accepted us within a second: a wrong secret, no use waiting for more
                boolean refusedOnly = !refusals.isEmpty() && nodes.isEmpty() && local == null && cfg.require().isEmpty()
                        && System.nanoTime() - firstRefusal > 1_000_000_000L;
                if (left <= 0 || failed != null || refusedOnly) {
                    String seen = hz.getCluster().getMembers().size() - 1 + " other Hazelcast member(s) seen, "
                            + nodes.size() + " Tandem worker(s) accepted";
                    throw new ClusterJoinException((failed != null ? failed + "; " : "")
                            + "the cluster pool needs " + count + " worker member(s) but found " + nodes.size()
                            + " within " + (timeout.toNanos() - left) / 1_000_000 + " ms (" + seen + ", joining " + cfg.join() + ")"
                            + (refusals.isEmpty() ? "" : "; refused: " + String.join("; ", refusals)));
                }
                try {
                    lock.wait(Math.max(1, Math.min(100, left / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ClusterJoinException("interrupted while waiting for cluster members");
                }
            }
            int p = 0;
            for (Node n : nodes.values()) {
                p += Math.min(n.info.cores(), n.capacity(cfg.require(), 1));
            }
            parallelism = Math.max(1, p);
        }
    }

    /*
     * Membership events can be missed: when Hazelcast merges this process into another cluster after a
     * split (a member or this process was cut off, then came back), it restarts it under a new id and the
     * old members vanish without a memberRemoved. So the roster is also compared with Hazelcast's member
     * list every half second: a member no longer listed is lost (its tasks re-run), a new one is added.
     */
    private void reconcile() {
        try {
            Set<UUID> live = new java.util.HashSet<>();
            for (Member m : hz.getCluster().getMembers()) {
                live.add(m.getUuid());
                if (!examined.contains(m.getUuid())) {
                    added(m);
                }
            }
            List<Member> gone = new ArrayList<>();
            synchronized (lock) {
                for (Node n : nodes.values()) {
                    if (!live.contains(n.member.getUuid())) {
                        gone.add(n.member);
                    }
                }
            }
            gone.forEach(this::removed);
        } catch (RuntimeException e) {
            // Hazelcast is shutting down: nothing to reconcile
        }
    }

    private void added(Member m) {
        examined.add(m.getUuid());
        if (m.localMember() || m.getUuid().equals(self())) {
            return;
        }
        MemberInfo info;
        try {
            info = MemberInfo.open(seal, m.getAttribute(MemberInfo.ATTRIBUTE));
        } catch (Seal.SealException e) {
            String why = "member " + m.getAddress() + " (" + m.getUuid() + ") is ignored: " + e.getMessage();
            synchronized (lock) {
                if (refusals.isEmpty()) {
                    firstRefusal = System.nanoTime();
                }
                refusals.add(why);
                lock.notifyAll();
            }
            return;
        }
        if (!MemberInfo.WORKER.equals(info.role())) {
            return;
        }
        Node n = new Node(m, info);
        if (n.capacity(cfg.require(), cfg.depth()) < 1) {
            synchronized (lock) {
                refusals.add("member " + n.address + " lacks the resources this pool's tasks need " + cfg.require()
                        + " (it has " + info.resources() + ")");
                lock.notifyAll();
            }
            return;
        }
        synchronized (lock) {
            if (stopping || nodes.containsKey(m.getUuid())) {
                return;
            }
            nodes.put(m.getUuid(), n);
            place();
            lock.notifyAll();
        }
        PoolContext c = context;
        if (c != null) {
            c.workerStarted(n.worker);
        }
    }

    private void removed(Member m) {
        List<Placed> exits = new ArrayList<>();
        List<Map.Entry<Placed, Throwable>> fails = new ArrayList<>();
        Node n;
        synchronized (lock) {
            n = nodes.remove(m.getUuid());
            examined.remove(m.getUuid());
            if (n == null) {
                return;
            }
            if (nodes.isEmpty()) {
                emptySince = System.nanoTime();
            }
            for (Placed p : n.inFlight.values()) {
                p.node = null;
                MemberLostException lost = new MemberLostException(n.address, m.getUuid(), p.task.name(), p.attempt,
                        stopping ? "was stopped" : "left the cluster");
                if (p.task.isDone()) {
                    exits.add(p);
                } else if (cfg.retry().shouldRetry(p.attempt, lost)) {
                    retryLater(p, cfg.retry().delayAfter(p.attempt));
                } else {
                    fails.add(Map.entry(p, lost));
                }
            }
            n.inFlight.clear();
            place();
        }
        for (Placed p : exits) {
            p.task.markExited();
        }
        for (Map.Entry<Placed, Throwable> f : fails) {
            f.getKey().task.fail(f.getValue());
            f.getKey().task.markExited();
        }
        PoolContext c = context;
        if (c != null) {
            c.workerExited(n.worker, stopping ? "stopped" : "left the cluster");
        }
    }

    /** Under lock. */
    private void retryLater(Placed p, Duration delay) {
        if (!p.task.markNotStarted()) {
            timer.execute(p.task::markExited); // done meanwhile (cancelled): it never runs again
            return;
        }
        if (delay.isZero()) {
            waiting.addFirst(p);
        } else {
            timer.schedule(() -> {
                synchronized (lock) {
                    waiting.addFirst(p);
                    place();
                }
            }, delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** Under lock: moves waiting tasks to the least loaded members with room. */
    private void place() {
        if (waiting.isEmpty() || nodes.isEmpty()) {
            return;
        }
        boolean placed = false;
        while (!waiting.isEmpty()) {
            Node best = null;
            for (Node n : nodes.values()) {
                if (n.inFlight.size() < n.capacity(cfg.require(), cfg.depth()) && (best == null || n.load() < best.load())) {
                    best = n;
                }
            }
            if (best == null) {
                break;
            }
            Placed p = waiting.poll();
            if (!p.task.markStarted()) {
                continue; // cancelled while waiting: core has reported its exit
            }
            p.attempt++;
            p.node = best;
            best.inFlight.put(p.task.id(), p);
            best.outbox.add(new Batch.Sent(p.task.id(), p.attempt, p.task.name(), p.payload));
            placed = true;
        }
        if (placed) {
            wakeSender();
        }
    }

    /** Under lock. */
    private void wakeSender() {
        if (!sendWanted) {
            sendWanted = true;
            lock.notifyAll();
        }
    }

    /* Asked each time: a process cut off and merged back into the cluster comes back under a new id. */
    private UUID self() {
        return hz.getCluster().getLocalMember().getUuid();
    }

    private void sendLoop() {
        while (true) {
            Map<Node, List<Batch.Sent>> tasks = new LinkedHashMap<>();
            Map<Node, List<Long>> cancels = new LinkedHashMap<>();
            synchronized (lock) {
                while (!sendWanted && !stopping) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        // stop is signalled by `stopping`
                    }
                }
                if (!sendWanted && stopping) {
                    return;
                }
                sendWanted = false;
                for (Node n : nodes.values()) {
                    if (!n.outbox.isEmpty()) {
                        tasks.put(n, n.outbox);
                        n.outbox = new ArrayList<>();
                    }
                    if (!n.cancels.isEmpty()) {
                        cancels.put(n, n.cancels);
                        n.cancels = new ArrayList<>();
                    }
                }
            }
            tasks.forEach((n, list) -> send(n, Envelope.TASKS, Batch.tasks(list)));
            cancels.forEach((n, list) -> send(n, Envelope.CANCEL, Batch.ids(list)));
        }
    }

    /*
     * Sent with a callback, not fire-and-forget, so a batch the member did not take is seen here. If the
     * member is still listed (a slow start, a timed-out operation), the same batch is sent again: no attempt
     * is spent, and a task that then runs twice there answers twice, the second answer finding no record. If
     * it is gone, or three sends failed, it counts as lost: its tasks run again elsewhere per the retry policy
     * (if it is still listed, reconcile() adds it back as a new member).
     */
    private void send(Node n, byte kind, byte[] plain) {
        send(n, kind, plain, 1);
    }

    private void send(Node n, byte kind, byte[] plain, int tries) {
        UUID to = n.member.getUuid();
        try {
            exec.submitToMember((Runnable) new Envelope.Message(kind, self(), seal.seal(kind, plain, self(), to)), n.member,
                    new com.hazelcast.core.ExecutionCallback<Object>() {
                        @Override
                        public void onResponse(Object response) {
                        }

                        @Override
                        public void onFailure(Throwable t) {
                            undelivered(n, kind, plain, tries, t);
                        }
                    });
        } catch (RuntimeException e) {
            undelivered(n, kind, plain, tries, e);
        }
    }

    private void undelivered(Node n, byte kind, byte[] plain, int tries, Throwable e) {
        if (stopping) {
            return;
        }
        boolean listed;
        synchronized (lock) {
            listed = nodes.get(n.member.getUuid()) == n;
        }
        if (listed && tries < 3 && hz.getCluster().getMembers().contains(n.member)) {
            timer.schedule(() -> send(n, kind, plain, tries + 1), 100L * tries, TimeUnit.MILLISECONDS);
            return;
        }
        if (listed) {
            cfg.log().println("[tandem cluster] " + tries + " batch(es) for member " + n.address + " were not delivered ("
                    + e + "): its tasks run again elsewhere");
            timer.execute(() -> removed(n.member));
        }
    }

    @Override
    public void message(byte kind, UUID from, byte[] body) {
        if (kind == Envelope.REFUSED) {
            refused(from, new String(body, StandardCharsets.UTF_8));
            return;
        }
        if (kind != Envelope.ANSWERS) {
            return;
        }
        List<Batch.Answer> answers;
        try {
            answers = Batch.readAnswers(seal.open(kind, body, from, self()));
        } catch (Exception e) {
            cfg.log().println("[tandem cluster] discarded answers from member " + from + ": " + e.getMessage());
            return;
        }
        List<Map.Entry<Placed, Batch.Answer>> done = new ArrayList<>(answers.size());
        String prefix = null;
        for (Batch.Answer a : answers) {
            if (a.id() < 0) { // a line a task printed on a member that forwards output (tandem worker)
                if (prefix == null) {
                    prefix = "[member " + from + "] ";
                    for (Member m : hz.getCluster().getMembers()) {
                        if (m.getUuid().equals(from)) {
                            prefix = "[member " + m.getAddress().getHost() + ":" + m.getAddress().getPort() + "] ";
                        }
                    }
                }
                (a.id() == Batch.STDERR_LINE ? System.err : System.out).println(prefix + new String(a.payload(), StandardCharsets.UTF_8));
            }
        }
        synchronized (lock) {
            Node n = nodes.get(from);
            if (n == null) {
                return; // a member already declared lost: its tasks were re-placed or failed
            }
            for (Batch.Answer a : answers) {
                if (a.id() < 0) {
                    continue;
                }
                Placed p = n.inFlight.get(a.id());
                if (p == null || (a.attempt() != p.attempt && a.status() != Batch.HANDED_BACK)) {
                    continue;
                }
                n.inFlight.remove(a.id());
                p.node = null;
                if (a.status() == Batch.HANDED_BACK) {
                    p.attempt--;
                    retryLater(p, Duration.ZERO);
                } else {
                    done.add(Map.entry(p, a));
                }
            }
            place();
        }
        for (Map.Entry<Placed, Batch.Answer> d : done) {
            finish(d.getKey(), d.getValue());
        }
    }

    @SuppressWarnings("unchecked")
    private void finish(Placed p, Batch.Answer a) {
        TaskHandle<Object> t = (TaskHandle<Object>) p.task;
        try {
            switch (a.status()) {
                case Batch.OK -> {
                    Object value;
                    try {
                        value = Payloads.decode(a.payload(), p.loader);
                    } catch (RuntimeException e) {
                        t.fail(new CodecException("the result of task " + t.name() + " could not be decoded: " + e, e));
                        return;
                    }
                    t.complete(value);
                }
                case Batch.ERROR -> t.fail(Payloads.decodeFailure(a.payload(), p.loader));
                default -> {
                    if (!t.isDone()) {
                        t.fail(new CancellationException("task " + t.name() + " was interrupted on its cluster member"));
                    }
                }
            }
        } finally {
            t.markExited();
        }
    }

    /* A member could not open what we sent (its secret changed, or the batch was altered): stop using it, re-run its tasks. */
    private void refused(UUID from, String why) {
        Member m = null;
        synchronized (lock) {
            refusals.add(why);
            Node n = nodes.get(from);
            if (n != null) {
                m = n.member;
            }
        }
        cfg.log().println("[tandem cluster] " + why);
        if (m != null) {
            removed(m);
        }
    }

    @Override
    public byte[] call(byte kind, UUID from, byte[] body) throws Exception {
        if (kind != Envelope.CLASS_REQUEST) {
            throw new IllegalArgumentException("unknown call kind " + kind);
        }
        String name;
        try {
            name = new String(seal.open(kind, body, from, self()), StandardCharsets.UTF_8);
        } catch (Seal.SealException e) {
            throw new IllegalStateException("refused a class request from " + from + ": " + e.getMessage());
        }
        return seal.seal(Envelope.CLASS_REPLY, classes.serve(name), self(), from);
    }

    private void checkEmpty() {
        List<Placed> fail = new ArrayList<>();
        synchronized (lock) {
            if (!nodes.isEmpty() || waiting.isEmpty() || System.nanoTime() - emptySince < cfg.noMemberTimeout().toNanos()) {
                return;
            }
            while (!waiting.isEmpty()) {
                fail.add(waiting.poll());
            }
        }
        for (Placed p : fail) {
            if (p.task.markStarted() || p.task.started()) {
                p.task.fail(new ClusterJoinException("no worker member was in the cluster for "
                        + cfg.noMemberTimeout().toSeconds() + " s to run task " + p.task.name() + " (attempt "
                        + (p.attempt + 1) + ")" + (refusals.isEmpty() ? "" : "; refused: " + refusals)));
                p.task.markExited();
            }
        }
    }

    // ---- PoolBackend

    @Override
    public String kind() {
        return "cluster";
    }

    @Override
    public int parallelism() {
        return parallelism;
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public int mapWindow() {
        return Math.max(16, parallelism * 32); // chunks in flight: enough to hide a round trip through Hazelcast
    }

    @Override
    public void attach(PoolContext context) {
        this.context = context;
        List<Node> now;
        synchronized (lock) {
            now = new ArrayList<>(nodes.values());
        }
        for (Node n : now) {
            context.workerStarted(n.worker);
        }
    }

    @Override
    public Object prepare(TaskHandle<?> task) {
        Object work = task.callable() instanceof MapChunk<?, ?> chunk ? chunk.fn() : task.submitted();
        ClassLoader loader = work.getClass().getClassLoader();
        classes.remember(loader);
        return new Placed(task, Payloads.encode(task.callable(), "task " + task.name()),
                loader != null ? loader : ClassLoader.getSystemClassLoader());
    }

    @Override
    public void dispatch(TaskHandle<?> task) {
        synchronized (lock) {
            if (nodes.isEmpty() && waiting.isEmpty()) {
                emptySince = System.nanoTime();
            }
            waiting.add((Placed) task.attachment());
            place();
        }
    }

    @Override
    public void cancelled(TaskHandle<?> task) {
        Placed p = (Placed) task.attachment();
        synchronized (lock) {
            if (p.node != null) {
                p.node.cancels.add(task.id());
                wakeSender();
            } else if (waiting.remove(p)) {
                timer.execute(task::markExited);
            }
        }
    }

    @Override
    public String describe() {
        synchronized (lock) {
            int inFlight = 0;
            for (Node n : nodes.values()) {
                inFlight += n.inFlight.size();
            }
            return nodes.size() + " member(s), " + inFlight + " task(s) in flight, " + waiting.size() + " waiting";
        }
    }

    @Override
    public CompletionStage<Void> terminate() {
        Thread.ofPlatform().daemon(true).name(cfg.name() + "-stop").start(this::stop);
        return stopped;
    }

    /** Leaves the cluster and stops local members; also used when start() fails. */
    void stop() {
        synchronized (lock) {
            stopping = true;
            lock.notifyAll();
        }
        Throwable failure = null;
        for (Runnable step : List.<Runnable>of(() -> join(sender), timer::shutdownNow, () -> {
            HazelcastInstance h = hz;
            if (h != null) {
                h.shutdown();
            }
        }, () -> {
            if (local != null) {
                local.close();
            }
        })) {
            try {
                step.run();
            } catch (RuntimeException | Error e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure == null) {
            stopped.complete(null);
        } else {
            stopped.completeExceptionally(failure);
        }
    }

    private static void join(Thread t) {
        if (t.getState() == Thread.State.NEW) {
            return;
        }
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- for ClusterPoolImpl

    List<MemberStatus> members(Duration timeout) {
        List<Node> now;
        Map<Node, Integer> inFlight = new LinkedHashMap<>();
        synchronized (lock) {
            now = new ArrayList<>(nodes.values());
            for (Node n : now) {
                inFlight.put(n, n.inFlight.size());
            }
        }
        Map<Node, Future<byte[]>> asks = new LinkedHashMap<>();
        for (Node n : now) {
            try {
                asks.put(n, exec.submitToMember(new Envelope.Call(Envelope.STATUS, self(),
                        seal.seal(Envelope.STATUS, new byte[0], self(), n.member.getUuid())), n.member));
            } catch (RuntimeException e) {
                // gone: shown with -1
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<MemberStatus> out = new ArrayList<>();
        for (Node n : now) {
            int running = -1;
            int queued = -1;
            Future<byte[]> f = asks.get(n);
            if (f != null) {
                try {
                    byte[] reply = f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    Map<String, String> kv = new LinkedHashMap<>();
                    for (String line : new String(seal.open(Envelope.STATUS, reply, n.member.getUuid(), self()),
                            StandardCharsets.UTF_8).split("\n")) {
                        int eq = line.indexOf('=');
                        if (eq > 0) {
                            kv.put(line.substring(0, eq), line.substring(eq + 1));
                        }
                    }
                    running = Integer.parseInt(kv.getOrDefault("running", "-1"));
                    queued = Integer.parseInt(kv.getOrDefault("queued", "-1"));
                } catch (Exception e) {
                    // shown as -1: gone, busy past the timeout, or restarted by a merge under a new id
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
            out.add(new MemberStatus(n.address, n.member.getUuid(), n.info.pid(), n.info.cores(), n.info.resources(),
                    inFlight.get(n), running, queued));
        }
        return out;
    }

    List<Long> localPids() {
        return local == null ? List.of() : local.pids();
    }

    String address() {
        Member me = hz.getCluster().getLocalMember();
        return me.getAddress().getHost() + ":" + me.getAddress().getPort();
    }
}
