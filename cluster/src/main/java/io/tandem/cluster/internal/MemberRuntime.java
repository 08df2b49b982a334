package io.tandem.cluster.internal;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import io.tandem.process.CodecException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/*
 * A worker member: runs the tasks submitters send it and sends the answers back.
 *
 * Tasks. A TASKS envelope opens with the cluster secret (or is refused: the sender gets a REFUSED message
 * naming this member, and nothing is decoded); each task goes to a pool of `slots` platform threads (one
 * per announced core). A task thread decodes the payload under the submitter's SubmitterClassLoader (a
 * task that cannot be decoded fails with a CodecException naming this member; the member goes on), runs
 * it, encodes the result and queues the answer. One sender thread batches answers per submitter.
 *
 * Submitters. Each submitter's tasks are tracked by id; when the submitter leaves the cluster (closed,
 * killed, cut off), its running tasks are interrupted, its queued ones dropped, its answers discarded
 * and its class loader forgotten: nothing of a dead submitter keeps running here.
 *
 * Leaving. drain() stops taking tasks, hands queued ones back (HANDED_BACK: the submitter runs them
 * elsewhere without spending an attempt), lets running ones finish within a grace period, sends the last
 * answers and leaves the cluster.
 */
public final class MemberRuntime implements Envelope.Endpoint, AutoCloseable {
    private final Seal seal;
    private final int slots;
    private final HazelcastInstance hz;
    private final IExecutorService exec;
    private final ThreadPoolExecutor runner;
    private final Map<UUID, Client> clients = new ConcurrentHashMap<>();
    private final BlockingQueue<Outgoing> outbox = new LinkedBlockingQueue<>();
    private final Thread sender;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicLong completed = new AtomicLong();
    private final PrintStream log;
    private final java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
    private final boolean forwardOutput;
    private volatile boolean draining;
    private volatile boolean closed;

    private record Outgoing(Client client, Batch.Answer answer) {
    }

    private final class Client {
        final UUID uuid;
        final SubmitterClassLoader loader;
        final Map<Long, Job> tasks = new ConcurrentHashMap<>();
        volatile boolean gone;

        Client(UUID uuid) {
            this.uuid = uuid;
            this.loader = new SubmitterClassLoader(MemberRuntime.class.getClassLoader(), name -> askClass(uuid, name));
        }
    }

    /** Starts a worker member and joins the cluster. */
    public static MemberRuntime start(Secret secret, String clusterName, String bind, int port, List<String> join,
                                      int slots, Map<String, Integer> resources, Duration detection, PrintStream log,
                                      boolean forwardOutput) {
        return new MemberRuntime(secret, clusterName, bind, port, join, slots, resources, detection, log, forwardOutput);
    }

    private MemberRuntime(Secret secret, String clusterName, String bind, int port, List<String> join, int slots,
                          Map<String, Integer> resources, Duration detection, PrintStream log, boolean forwardOutput) {
        this.forwardOutput = forwardOutput;
        if (forwardOutput) {
            TaskOutput.install();
        }
        this.seal = secret.seal();
        this.slots = slots;
        this.log = log;
        MemberInfo info = new MemberInfo(MemberInfo.WORKER, slots, Runtime.getRuntime().maxMemory(), resources,
                ProcessHandle.current().pid(), bind);
        AtomicInteger n = new AtomicInteger();
        this.runner = new ThreadPoolExecutor(slots, slots, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> Thread.ofPlatform().daemon(true).name("tandem-member-task-" + n.incrementAndGet()).unstarted(r));
        this.hz = HazelcastSetup.start(new HazelcastSetup.Options(clusterName, bind, port, join, false, detection,
                info.seal(seal), this, secret.configured(), "tandem-member-" + ProcessHandle.current().pid()));
        this.exec = hz.getExecutorService(ClusterNames.EXECUTOR);
        hz.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent e) {
            }

            @Override
            public void memberRemoved(MembershipEvent e) {
                dropClient(e.getMember().getUuid());
            }
        });
        this.sender = Thread.ofPlatform().daemon(true).name("tandem-member-answers").start(this::sendAnswers);
        started.countDown();
    }

    /* Hazelcast may deliver a message as soon as this member has joined, before the constructor has finished. */
    private void awaitStarted() {
        try {
            started.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String address() {
        Member m = hz.getCluster().getLocalMember();
        return m.getAddress().getHost() + ":" + m.getAddress().getPort();
    }

    public UUID uuid() {
        return self();
    }

    /* Asked each time: a member cut off and merged back into the cluster comes back under a new id. */
    private UUID self() {
        return hz.getCluster().getLocalMember().getUuid();
    }

    public boolean isRunning() {
        return !closed && hz.getLifecycleService().isRunning();
    }

    @Override
    public void message(byte kind, UUID from, byte[] body) {
        try {
            take(kind, from, body);
        } catch (RuntimeException | Error e) {
            // never let it escape to Hazelcast (its error reply may not even deserialize at the sender): tell the
            // sender, which counts this member as lost for those tasks and runs them elsewhere
            log.println("[tandem member] could not take a message of kind " + kind + " from " + from + ": " + e);
            e.printStackTrace(log);
            refuse(from, "it failed to take the batch: " + e);
        }
    }

    private void take(byte kind, UUID from, byte[] body) {
        awaitStarted();
        byte[] plain;
        try {
            plain = seal.open(kind, body, from, self());
        } catch (Seal.SealException e) {
            refuse(from, e.getMessage());
            return;
        }
        try {
            switch (kind) {
                case Envelope.TASKS -> accept(from, Batch.readTasks(plain));
                case Envelope.CANCEL -> cancel(from, Batch.readIds(plain));
                default -> log.println("[tandem member] ignored a message of kind " + kind + " from " + from);
            }
        } catch (IOException e) {
            refuse(from, "a malformed batch: " + e.getMessage());
        }
    }

    @Override
    public byte[] call(byte kind, UUID from, byte[] body) throws Exception {
        awaitStarted();
        try {
            seal.open(kind, body, from, self()); // only cluster members with the secret may ask
        } catch (Seal.SealException e) {
            throw new IllegalStateException("member " + address() + " refused a call from " + from + ": " + e.getMessage());
        }
        if (kind != Envelope.STATUS) {
            throw new IllegalArgumentException("unknown call kind " + kind);
        }
        int queued = runner.getQueue().size();
        String status = "slots=" + slots + "\nrunning=" + running.get() + "\nqueued=" + queued + "\ncompleted="
                + completed.get() + "\nsubmitters=" + clients.size() + "\ndraining=" + draining + "\n";
        return seal.seal(Envelope.STATUS, status.getBytes(StandardCharsets.UTF_8), self(), from);
    }

    private void refuse(UUID from, String why) {
        log.println("[tandem member " + address() + "] refused a message from member " + from + ": " + why);
        Member m = member(from);
        if (m != null) {
            try {
                exec.executeOnMember(new Envelope.Message(Envelope.REFUSED, self(),
                        ("member " + address() + " (" + self() + ") refused the tasks: " + why).getBytes(StandardCharsets.UTF_8)), m);
            } catch (RuntimeException ignored) {
                // the sender is gone; nothing to tell
            }
        }
    }

    private Member member(UUID uuid) {
        for (Member m : hz.getCluster().getMembers()) {
            if (m.getUuid().equals(uuid)) {
                return m;
            }
        }
        return null;
    }

    private void accept(UUID from, List<Batch.Sent> tasks) {
        if (member(from) == null) {
            return; // a submitter that already left: its tasks are not run
        }
        Client c = clients.computeIfAbsent(from, Client::new);
        for (Batch.Sent t : tasks) {
            if (draining || c.gone) {
                outbox.add(new Outgoing(c, new Batch.Answer(t.id(), t.attempt(), Batch.HANDED_BACK, new byte[0])));
                continue;
            }
            Job job = new Job(c, t);
            c.tasks.put(t.id(), job);
            runner.execute(job);
        }
    }

    private void cancel(UUID from, List<Long> ids) {
        Client c = clients.get(from);
        if (c == null) {
            return;
        }
        for (long id : ids) {
            Job j = c.tasks.get(id);
            if (j != null) {
                j.cancel();
            }
        }
    }

    private void dropClient(UUID uuid) {
        Client c = clients.remove(uuid);
        if (c == null) {
            return;
        }
        c.gone = true;
        c.tasks.values().forEach(Job::cancel);
        if (c.tasks.isEmpty()) {
            return;
        }
        log.println("[tandem member " + address() + "] submitter " + uuid + " left: dropped its " + c.tasks.size()
                + " task(s)");
    }

    /*
     * One task on this member. A cancel before it runs still answers (CANCELLED), so the submitter's record
     * of it ends; a job that starts while the member drains is handed back without running.
     */
    /* A submitter can vanish without a memberRemoved (this member was merged into another cluster): compare. */
    private void dropVanishedClients() {
        if (clients.isEmpty()) {
            return;
        }
        try {
            java.util.Set<UUID> live = new java.util.HashSet<>();
            for (Member m : hz.getCluster().getMembers()) {
                live.add(m.getUuid());
            }
            for (UUID u : List.copyOf(clients.keySet())) {
                if (!live.contains(u)) {
                    dropClient(u);
                }
            }
        } catch (RuntimeException e) {
            // shutting down
        }
    }

    private final class Job implements Runnable {
        private final Client client;
        private final Batch.Sent task;
        private final Object lock = new Object();
        private Thread thread;     // guarded by lock
        private boolean cancelled; // guarded by lock

        Job(Client client, Batch.Sent task) {
            this.client = client;
            this.task = task;
        }

        void cancel() {
            synchronized (lock) {
                cancelled = true;
                if (thread != null) {
                    thread.interrupt();
                }
            }
        }

        private boolean begin() {
            synchronized (lock) {
                if (cancelled) {
                    return false;
                }
                thread = Thread.currentThread();
                return true;
            }
        }

        private void end() {
            synchronized (lock) {
                thread = null;
            }
            Thread.interrupted(); // a cancel that came after the body ended must not reach the next job
        }

        @Override
        public void run() {
            if (client.gone) {
                client.tasks.remove(task.id());
                return;
            }
            if (draining || !begin()) {
                client.tasks.remove(task.id());
                outbox.add(new Outgoing(client, new Batch.Answer(task.id(), task.attempt(),
                        draining ? Batch.HANDED_BACK : Batch.CANCELLED, new byte[0])));
                return;
            }
            running.incrementAndGet();
            if (forwardOutput) {
                // a line a task prints goes to its submitter, before the task's answer (same queue, in order)
                TaskOutput.begin((err, line) -> outbox.add(new Outgoing(client, new Batch.Answer(
                        err ? Batch.STDERR_LINE : Batch.STDOUT_LINE, 0, Batch.OK, line.getBytes(StandardCharsets.UTF_8)))));
            }
            byte status;
            byte[] payload;
            try {
                Object work;
                try {
                    work = Payloads.decode(task.payload(), client.loader);
                } catch (RuntimeException | LinkageError e) {
                    throw new Undecodable(e);
                }
                if (!(work instanceof java.util.concurrent.Callable<?> callable)) {
                    throw new Undecodable(new IllegalArgumentException("not a task: " + work.getClass().getName()));
                }
                Thread.currentThread().setContextClassLoader(client.loader);
                Object value = callable.call();
                payload = Payloads.encode(value, "the result of task " + task.name());
                status = Batch.OK;
            } catch (Undecodable u) {
                status = Batch.ERROR;
                payload = Payloads.failure(new CodecException("cluster member " + address() + " (" + self()
                        + ") cannot decode task " + task.name() + " (attempt " + task.attempt() + "): " + u.getCause(), null));
            } catch (InterruptedException e) {
                status = Batch.CANCELLED;
                payload = new byte[0];
            } catch (Throwable e) {
                status = Batch.ERROR;
                payload = Payloads.failure(e);
            } finally {
                if (forwardOutput) {
                    TaskOutput.end();
                }
                Thread.currentThread().setContextClassLoader(MemberRuntime.class.getClassLoader());
                end();
                running.decrementAndGet();
                client.tasks.remove(task.id());
            }
            completed.incrementAndGet();
            if (!client.gone) {
                outbox.add(new Outgoing(client, new Batch.Answer(task.id(), task.attempt(), status, payload)));
            }
        }
    }

    private static final class Undecodable extends Exception {
        Undecodable(Throwable cause) {
            super(cause);
        }
    }

    private byte[] askClass(UUID submitter, String name) throws Exception {
        Member m = member(submitter);
        if (m == null) {
            throw new IllegalStateException("the submitter left the cluster");
        }
        byte[] req = seal.seal(Envelope.CLASS_REQUEST, name.getBytes(StandardCharsets.UTF_8), self(), submitter);
        Future<byte[]> f = exec.submitToMember(new Envelope.Call(Envelope.CLASS_REQUEST, self(), req), m);
        byte[] reply = f.get(30, TimeUnit.SECONDS);
        return seal.open(Envelope.CLASS_REPLY, reply, submitter, self());
    }

    private void sendAnswers() {
        List<Outgoing> batch = new ArrayList<>();
        while (true) {
            try {
                Outgoing first = outbox.poll(500, TimeUnit.MILLISECONDS);
                if (first == null) {
                    dropVanishedClients();
                    if (closed) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
            } catch (InterruptedException e) {
                if (closed && outbox.isEmpty()) {
                    return;
                }
                continue;
            }
            outbox.drainTo(batch);
            Map<Client, List<Batch.Answer>> byClient = new java.util.LinkedHashMap<>();
            for (Outgoing o : batch) {
                if (o.client() != null) {
                    byClient.computeIfAbsent(o.client(), k -> new ArrayList<>()).add(o.answer());
                }
            }
            batch.clear();
            byClient.forEach((c, answers) -> {
                Member m = c.gone ? null : member(c.uuid);
                if (m != null) {
                    try {
                        exec.executeOnMember(new Envelope.Message(Envelope.ANSWERS, self(),
                                seal.seal(Envelope.ANSWERS, Batch.answers(answers), self(), c.uuid)), m);
                    } catch (RuntimeException e) {
                        log.println("[tandem member] could not send " + answers.size() + " answer(s) to " + c.uuid + ": " + e);
                    }
                }
            });
            if (closed && outbox.isEmpty()) {
                return;
            }
        }
    }

    /** Stops taking tasks, hands queued ones back, lets running ones finish within {@code grace}, then leaves. */
    public void drain(Duration grace) {
        draining = true; // queued jobs now answer HANDED_BACK instead of running
        runner.shutdown();
        try {
            if (!runner.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                runner.shutdownNow();
                runner.awaitTermination(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }

    /** Leaves the cluster at once: running tasks are interrupted, their submitters re-run them elsewhere. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        runner.shutdownNow();
        closed = true;
        sender.interrupt();
        try {
            sender.join(5000);
            runner.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        hz.shutdown();
    }
}
