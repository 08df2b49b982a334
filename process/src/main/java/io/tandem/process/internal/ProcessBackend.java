package io.tandem.process.internal;

import io.tandem.PoolClosedException;
import io.tandem.function.SerializableFunction;
import io.tandem.spi.Capability;
import io.tandem.spi.MapChunk;
import io.tandem.spi.PoolBackend;
import io.tandem.spi.PoolContext;
import io.tandem.spi.TaskHandle;
import io.tandem.spi.WorkerInfo;
import io.tandem.process.Codec;
import io.tandem.process.CodecException;
import io.tandem.process.RemoteTaskException;
import io.tandem.process.WorkerDiedException;
import io.tandem.process.WorkerStartException;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/*
 * The worker-process pool.
 *
 * Ownership. One lock guards the scheduling state: the pending queue, the worker list and each
 * worker's in-flight queue. Everything slow happens outside it: encoding (at submission, in the
 * submitter's thread), decoding (in each worker's reader thread), completing tasks (which runs user
 * callbacks) and flushing sockets. pump() decides under the lock which task goes to which worker and
 * appends the frames to that worker's buffer; the caller flushes after unlocking, so a burst of
 * submissions becomes one write per worker.
 *
 * Order. A worker runs tasks in the order it receives them, so the oldest task in its in-flight queue
 * is the one running. When a worker dies, the reader first drains every answer it had sent (the reader
 * thread ends at EOF and is joined before anything is decided); then the oldest unanswered task is the
 * one that killed it (it fails with WorkerDiedException, or is retried), and the others never started
 * and go back to the front of the pending queue.
 *
 * Never hang. Every path that leaves a task waiting has an exit: a dead worker is replaced; workers that
 * cannot start three times in a row break the pool and fail what waits; cancellation and timeouts
 * interrupt remotely, then kill the worker after the grace period.
 */
final class ProcessBackend implements PoolBackend {
    private static final System.Logger LOG = System.getLogger("io.tandem.process");
    private static final Set<Capability> CAPABILITIES =
            EnumSet.of(Capability.OTHER_PROCESS, Capability.HOLDS_RESOURCES, Capability.INTERRUPTS);
    private static final int MAX_START_FAILURES = 3;
    private static final Executor VIRTUAL = r -> Thread.ofVirtual().name("tandem-process-event").start(r);

    private final ProcessPoolConfig cfg;
    private final String name;
    private volatile PoolContext context;
    private volatile boolean shutdown;
    private final Codec codec;
    private final byte[] initializer;
    private final List<String> command;
    private AotCache.Plan aot;                                               // lock
    private final Path dir;
    private final Path socket;
    private final ServerSocketChannel server;
    private final String token;
    private final Thread acceptor;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition workersChanged = lock.newCondition();
    private final ArrayDeque<RemoteTask<?>> pending = new ArrayDeque<>();    // lock
    private final List<WorkerHandle> workers = new ArrayList<>();           // lock
    private final Map<Object, RemoteTask.FnRef> fnRefs = new WeakHashMap<>(); // itself
    private long fnSequence;                                                 // fnRefs
    private int workerSequence;                                              // lock
    private int startFailures;                                               // lock
    private WorkerStartException broken;                                     // lock
    private boolean stopping;                                                // lock
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final java.util.concurrent.ConcurrentLinkedQueue<WorkerHandle> dirty = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final Thread flusher;
    private volatile boolean flusherStop;

    ProcessBackend(ProcessPoolConfig cfg, String name) throws IOException {
        this.cfg = cfg;
        this.name = name;
        this.codec = cfg.codec();
        this.initializer = cfg.initializer() == null ? new byte[0] : encode(cfg.initializer(), "the initializer");
        this.dir = Files.createTempDirectory("tandem-" + name() + "-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        this.socket = dir.resolve("pool.sock");
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        this.token = HexFormat.of().formatHex(random);
        this.command = WorkerCommand.build(cfg, socket, token);
        this.aot = AotCache.plan(System.getProperty("java.class.path"));
        this.acceptor = Thread.ofVirtual().name(name() + "-acceptor").start(this::acceptLoop);
        this.flusher = Thread.ofVirtual().name(name() + "-flusher").start(this::flushLoop);
    }

    /*
     * A task sent to a worker that may be idle is flushed at once (the round trip is what the caller
     * waits for). A task sent to a worker that already has work queued is not urgent: it is flushed by
     * this thread a few microseconds later, together with whatever else was submitted meanwhile, so a
     * stream of small submissions costs far fewer system calls.
     */
    private void flushLoop() {
        while (!flusherStop) {
            java.util.concurrent.locks.LockSupport.park();
            if (dirty.isEmpty()) {
                continue;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000);
            for (WorkerHandle w; (w = dirty.poll()) != null; ) {
                w.flushScheduled = false;
                w.flush();
            }
        }
    }

    /** Starts the first workers; called once the pool around this backend exists. */
    void startWorkers() {
        Pump p;
        lock.lock();
        try {
            p = pump();
        } finally {
            lock.unlock();
        }
        apply(p);
    }

    private String name() {
        return name;
    }

    @Override
    public String kind() {
        return "process";
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public void attach(PoolContext context) {
        this.context = context;
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public String describe() {
        lock.lock();
        try {
            int ready = 0;
            for (WorkerHandle w : workers) {
                if (w.state == WorkerHandle.State.READY) {
                    ready++;
                }
            }
            return ready + " of " + cfg.workers() + " workers ready, " + pending.size() + " tasks waiting for a worker";
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int parallelism() {
        return cfg.workers();
    }

    @Override
    public int mapWindow() {
        return cfg.workers() * cfg.pipelineDepth() * 2;
    }

    // ---- submission ------------------------------------------------------------------------------

    private byte[] encode(Object value, String what) {
        if (value.getClass().isHidden() && !(value instanceof Serializable)) {
            throw new CodecException(what + " is a lambda that is not serializable, so it cannot travel to a worker"
                    + " process. Pass it where a SerializableCallable/SerializableFunction/SerializableRunnable is"
                    + " expected (pool.submit(() -> ...) does this); a variable typed Callable or Runnable does not.", null);
        }
        try {
            return codec.encode(value);
        } catch (CodecException e) {
            throw new CodecException("cannot send " + what + " to a worker process: " + e.getMessage(), e);
        }
    }

    /** Encodes the task in the submitter's thread, so a task that cannot travel fails its submission. */
    @Override
    public Object prepare(TaskHandle<?> task) {
        Callable<?> callable = task.callable();
        if (callable instanceof MapChunk<?, ?> chunk) {
            RemoteTask.FnRef fn = fnRef(chunk.fn());
            byte[] payload = encode(new Jobs.ChunkJob(fn.id(), chunk.items(), chunk.firstIndex()), "the items of a map");
            return new RemoteTask<>(task, Frames.TASK_CHUNK, payload, fn);
        }
        Object unwrapped = task.submitted();
        if (unwrapped.getClass().isHidden() && !(unwrapped instanceof Serializable)) {
            encode(unwrapped, "the task"); // throws the explanatory CodecException
        }
        byte[] payload = encode(callable, "the task " + task.name());
        return new RemoteTask<>(task, Frames.TASK_CALL, payload, null);
    }

    @Override
    public void cancelled(TaskHandle<?> task) {
        abandon((RemoteTask<?>) task.attachment());
    }

    private RemoteTask.FnRef fnRef(SerializableFunction<?, ?> fn) {
        synchronized (fnRefs) {
            RemoteTask.FnRef ref = fnRefs.get(fn);
            if (ref == null) {
                ref = new RemoteTask.FnRef(++fnSequence, encode(fn, "the map function"));
                fnRefs.put(fn, ref);
            }
            return ref;
        }
    }

    @Override
    public void dispatch(TaskHandle<?> task) {
        RemoteTask<?> t = (RemoteTask<?>) task.attachment();
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

    // ---- scheduling ------------------------------------------------------------------------------

    /** What pump decided; carried out by {@link #apply} after the lock is released. */
    private static final class Pump {
        final List<WorkerHandle> flush = new ArrayList<>(2);
        final List<WorkerHandle> later = new ArrayList<>(2);
        final List<RemoteTask<?>> timeouts = new ArrayList<>(0);
        final List<RemoteTask<?>> failBroken = new ArrayList<>(0);
        WorkerStartException broken;
    }

    /** Assigns pending tasks to workers with room and starts workers that are missing. Holds the lock. */
    private Pump pump() {
        Pump p = new Pump();
        if (broken != null) {
            p.broken = broken;
            p.failBroken.addAll(pending);
            pending.clear();
            return p;
        }
        while (!pending.isEmpty()) {
            WorkerHandle w = leastLoaded();
            if (w == null) {
                break;
            }
            RemoteTask<?> t = pending.poll();
            if (!t.start()) {
                continue; // cancelled while it waited
            }
            t.attempt++;
            t.worker = w;
            if (t.fn != null && w.definedFns.add(t.fn.id())) {
                w.write(Frames.DEFINE, t.fn.id(), t.fn.bytes());
            }
            w.write(t.frameType, t.wireId, t.payload);
            w.inFlight.add(t);
            w.byId.put(t.wireId, t);
            if (w.inFlight.size() == 1) {
                t.headSinceNanos = System.nanoTime();
                p.timeouts.add(t);
            }
            if (cfg.maxTasksPerWorker() > 0 && ++w.assigned >= cfg.maxTasksPerWorker()) {
                w.state = WorkerHandle.State.RETIRING;
            }
            if (w.inFlight.size() <= 1) {
                if (!p.flush.contains(w)) {
                    p.flush.add(w);
                }
            } else if (!p.later.contains(w)) {
                p.later.add(w);
            }
        }
        boolean wanted = !shutdown || !pending.isEmpty();
        while (wanted && !stopping && countStartingOrReady() < cfg.workers()) {
            if (!spawn()) {
                break;
            }
        }
        return p;
    }

    private WorkerHandle leastLoaded() {
        WorkerHandle best = null;
        for (WorkerHandle w : workers) {
            if (w.state == WorkerHandle.State.READY && w.inFlight.size() < cfg.pipelineDepth()
                    && (best == null || w.inFlight.size() < best.inFlight.size())) {
                best = w;
            }
        }
        return best;
    }

    private int countStartingOrReady() {
        int n = 0;
        for (WorkerHandle w : workers) {
            if (w.state == WorkerHandle.State.STARTING || w.state == WorkerHandle.State.READY) {
                n++;
            }
        }
        return n;
    }

    /** Starts one worker process. Holds the lock. */
    private boolean spawn() {
        int number = ++workerSequence;
        Process process;
        AotCache.Plan plan = aot;
        if (plan.trains()) {
            aot = AotCache.Plan.NONE; // one training run; the others start as usual until the cache exists
        }
        try {
            ProcessBuilder pb = new ProcessBuilder(plan.options().isEmpty() ? command
                    : WorkerCommand.build(cfg, socket, token, plan.options()));
            process = pb.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            broken = new WorkerStartException("cannot start a worker JVM with " + command.getFirst() + ": " + e.getMessage(), e);
            return false;
        }
        WorkerHandle w = new WorkerHandle(number, process);
        w.trainsAot = plan.trains();
        w.forward(process.getInputStream(), false, cfg.output());
        w.forward(process.getErrorStream(), true, cfg.output());
        workers.add(w);
        process.onExit().thenRunAsync(() -> {
            try {
                workerExited(w);
            } finally {
                plan.finish(process.exitValue());
            }
        }, VIRTUAL);
        return true;
    }

    private void apply(Pump p) {
        for (WorkerHandle w : p.flush) {
            w.flush();
        }
        for (WorkerHandle w : p.later) {
            if (!p.flush.contains(w) && !w.flushScheduled) {
                w.flushScheduled = true;
                dirty.add(w);
            }
        }
        if (!p.later.isEmpty()) {
            java.util.concurrent.locks.LockSupport.unpark(flusher);
        }
        for (RemoteTask<?> t : p.timeouts) {
            scheduleTimeout(t);
        }
        for (RemoteTask<?> t : p.failBroken) {
            t.failRemotely(p.broken);
            t.exit();
        }
    }

    private void scheduleTimeout(RemoteTask<?> t) {
        Duration timeout = cfg.taskTimeout();
        if (timeout == null) {
            return;
        }
        long stamp;
        lock.lock();
        try {
            stamp = t.headSinceNanos;
        } finally {
            lock.unlock();
        }
        CompletableFuture.delayedExecutor(timeout.toNanos(), TimeUnit.NANOSECONDS, VIRTUAL).execute(() -> {
            WorkerHandle w;
            lock.lock();
            try {
                w = t.worker;
                if (t.isDone() || w == null || t.headSinceNanos != stamp || !w.byId.containsKey(t.wireId)) {
                    return;
                }
            } finally {
                lock.unlock();
            }
            t.timedOut = true;
            if (t.failRemotely(new TimeoutException("task " + t.name() + " ran longer than its timeout of " + timeout
                    + " in worker process " + w.pid() + "; it was interrupted there"))) {
                abandon(t);
            }
        });
    }

    /** A cancelled or timed-out task: interrupt it in its worker, and kill the worker if it will not stop. */
    void abandon(RemoteTask<?> t) {
        WorkerHandle w = null;
        lock.lock();
        try {
            if (pending.remove(t)) {
                t.exit();
                return;
            }
            if (t.worker != null && t.worker.byId.containsKey(t.wireId)) {
                w = t.worker;
                w.write(Frames.CANCEL, t.wireId, null);
            }
        } finally {
            lock.unlock();
        }
        if (w == null) {
            return;
        }
        w.flush();
        WorkerHandle worker = w;
        CompletableFuture.delayedExecutor(cfg.cancelGrace().toNanos(), TimeUnit.NANOSECONDS, VIRTUAL).execute(() -> {
            boolean stuck;
            lock.lock();
            try {
                stuck = worker.byId.containsKey(t.wireId);
            } finally {
                lock.unlock();
            }
            if (stuck) {
                worker.rememberStderr("[tandem] killed: task " + t.name() + " did not stop within "
                        + cfg.cancelGrace() + " of being cancelled");
                worker.process.destroyForcibly();
            }
        });
    }

    // ---- connections -------------------------------------------------------------------------------

    private void acceptLoop() {
        while (true) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!server.isOpen()) {
                    return;
                }
                continue;
            }
            // a platform thread: a blocked read wakes it directly, one hand-off less per round trip than a
            // virtual thread (poller, then scheduler); it ends when the worker's connection closes
            Thread.ofPlatform().daemon(true).name(name() + "-reader").start(() -> serve(ch));
        }
    }

    private void serve(SocketChannel ch) {
        Frames.Reader reader = new Frames.Reader(ch);
        WorkerHandle w = null;
        try {
            Frames.Frame hello = reader.next();
            if (hello.type() != Frames.HELLO || !token.equals(Frames.utf8(hello.payload()))) {
                ch.close();
                return;
            }
            lock.lock();
            try {
                for (WorkerHandle candidate : workers) {
                    if (candidate.pid() == hello.id()) {
                        w = candidate;
                        break;
                    }
                }
                if (w != null) {
                    w.channel = ch;
                    w.writer = new Frames.Writer(ch);
                    w.reader = Thread.currentThread();
                    w.write(Frames.INIT, 0, initializer);
                }
            } finally {
                lock.unlock();
            }
            if (w == null) {
                ch.close();
                return;
            }
            w.flush();
            while (true) {
                Frames.Frame f = reader.next();
                switch (f.type()) {
                    case Frames.READY -> ready(w);
                    case Frames.INIT_FAILED -> initFailed(w, f.payload());
                    case Frames.RESULT, Frames.ERROR, Frames.CANCELLED -> answered(w, f);
                    case Frames.CH_CALL -> channelCall(w, f);
                    case Frames.CH_ABORT -> {
                        WorkerHandle.ChannelOp op = w.channelCalls.get(f.id());
                        if (op != null) {
                            op.abort();
                        }
                    }
                    default -> throw new IOException("unexpected frame type " + f.type() + " from " + w);
                }
            }
        } catch (IOException e) {
            // EOF or a broken connection: the worker is exiting; workerExited decides what that means
        } finally {
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** A worker task's channel operation: run it (it may block) on its own virtual thread, then reply. */
    private void channelCall(WorkerHandle w, Frames.Frame f) {
        WorkerHandle.ChannelOp op = new WorkerHandle.ChannelOp();
        w.channelCalls.put(f.id(), op); // registered before the abort frame can be read (same reader thread)
        Thread.ofVirtual().name(name() + "-channel-op").start(() -> {
            op.begin();
            byte[] reply;
            try {
                reply = ChannelRpc.serve(codec, f.payload());
            } finally {
                w.channelCalls.remove(f.id());
                Thread.interrupted();
            }
            if (w.write(Frames.CH_REPLY, f.id(), reply)) {
                w.flush();
            }
        });
    }

    private void ready(WorkerHandle w) {
        Pump p;
        boolean started = false;
        lock.lock();
        try {
            if (w.state == WorkerHandle.State.STARTING) {
                w.state = WorkerHandle.State.READY;
                w.readyNanos = System.nanoTime();
                started = true;
            }
            startFailures = 0;
            workersChanged.signalAll();
            p = pump();
        } finally {
            lock.unlock();
        }
        if (started) {
            context.workerStarted(info(w));
        }
        apply(p);
    }

    private static WorkerInfo info(WorkerHandle w) {
        return new WorkerInfo("worker-" + w.number, w.pid(), "localhost");
    }

    private void initFailed(WorkerHandle w, byte[] payload) {
        Throwable failure = rebuild(payload);
        lock.lock();
        try {
            w.initFailure = failure;
        } finally {
            lock.unlock();
        }
    }

    private void answered(WorkerHandle w, Frames.Frame f) {
        RemoteTask<?> t;
        Pump p;
        lock.lock();
        try {
            t = w.byId.remove(f.id());
            if (t == null) {
                return;
            }
            w.inFlight.remove(t);
            t.worker = null;
            RemoteTask<?> head = w.inFlight.peek();
            p = pumpAfterAnswer(w, head);
        } finally {
            lock.unlock();
        }
        apply(p);
        switch (f.type()) {
            case Frames.RESULT -> {
                Object value;
                try {
                    value = codec.decode(f.payload());
                } catch (CodecException e) {
                    t.failRemotely(new CodecException("the result of task " + t.name() + " could not be decoded: "
                            + e.getMessage(), e));
                    t.exit();
                    return;
                }
                complete(t, value);
            }
            case Frames.ERROR -> t.failRemotely(rebuild(f.payload()));
            default -> {
                // CANCELLED: the task had been cancelled here already
            }
        }
        t.exit();
    }

    private Pump pumpAfterAnswer(WorkerHandle w, RemoteTask<?> head) {
        boolean newHead = head != null && head.headSinceNanos == 0;
        if (newHead) {
            head.headSinceNanos = System.nanoTime();
        }
        if (w.state == WorkerHandle.State.RETIRING && w.inFlight.isEmpty()) {
            w.write(Frames.SHUTDOWN, 0, null);
        }
        Pump p = pump();
        if (newHead) {
            p.timeouts.add(head);
        }
        if (!p.flush.contains(w)) {
            p.flush.add(w);
        }
        return p;
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(RemoteTask<T> t, Object value) {
        t.completeRemotely((T) value);
    }

    private Throwable rebuild(byte[] payload) {
        Jobs.RemoteFailure rf;
        try {
            rf = (Jobs.RemoteFailure) JavaCodec.INSTANCE.decode(payload); // see WorkerMain.encodeFailure
        } catch (RuntimeException e) {
            return new CodecException("a worker reported a failure that could not be decoded: " + e.getMessage(), e);
        }
        Throwable error = rf.error();
        if (error != null) {
            if (error.getStackTrace().length == 0 && rf.stack() != null) {
                error.setStackTrace(rf.stack());
            }
            return error;
        }
        return new RemoteTaskException(rf.className(), rf.message(), rf.stack() == null ? new StackTraceElement[0] : rf.stack());
    }

    // ---- worker death ------------------------------------------------------------------------------

    private void workerExited(WorkerHandle w) {
        joinQuietly(w.reader); // every answer the worker sent has been handled once its reader is done
        for (Thread t : w.forwarders) {
            joinQuietly(t);
        }
        int status = w.process.exitValue();
        w.channelCalls.values().forEach(WorkerHandle.ChannelOp::abort); // nobody is left to receive their replies
        List<RemoteTask<?>> exits = new ArrayList<>();
        List<RemoteTask<?>> died = new ArrayList<>();
        Pump p;
        lock.lock();
        try {
            workers.remove(w);
            WorkerHandle.State was = w.state;
            w.state = WorkerHandle.State.DEAD;
            List<RemoteTask<?>> inFlight = new ArrayList<>(w.inFlight);
            w.inFlight.clear();
            w.byId.clear();
            if (was == WorkerHandle.State.STARTING && !stopping) {
                startFailures++;
                if (startFailures >= MAX_START_FAILURES && broken == null) {
                    broken = startFailure(w, status);
                }
            }
            for (int i = inFlight.size() - 1; i >= 0; i--) {
                RemoteTask<?> t = inFlight.get(i);
                t.worker = null;
                t.headSinceNanos = 0;
                boolean killer = i == 0;
                if (t.isDone()) {
                    exits.add(t);
                } else if (killer && t.attempt > cfg.retries()) {
                    died.add(t);
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
        context.workerExited(info(w), WorkerDiedException.describeExit(status));
        List<String> tail = w.stderrTail();
        for (RemoteTask<?> t : died) {
            t.failRemotely(new WorkerDiedException(w.pid(), status, t.name(), t.attempt, tail));
            t.exit();
        }
        for (RemoteTask<?> t : exits) {
            t.exit();
        }
        apply(p);
    }

    private WorkerStartException startFailure(WorkerHandle w, int status) {
        if (w.initFailure != null) {
            return new WorkerStartException("workers of pool " + name() + " cannot start: the initializer threw "
                    + w.initFailure + " (" + MAX_START_FAILURES + " workers in a row)", w.initFailure);
        }
        StringBuilder sb = new StringBuilder("workers of pool " + name() + " cannot start: "
                + MAX_START_FAILURES + " worker JVMs in a row " + WorkerDiedException.describeExit(status)
                + " before they were ready. Command: " + String.join(" ", command));
        List<String> tail = w.stderrTail();
        if (!tail.isEmpty()) {
            sb.append("\nlast stderr lines:");
            tail.forEach(l -> sb.append("\n    ").append(l));
        }
        return new WorkerStartException(sb.toString(), null);
    }

    private static void joinQuietly(Thread t) {
        if (t == null) {
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                t.join(Duration.ofSeconds(10));
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- life cycle --------------------------------------------------------------------------------

    boolean awaitReady(Duration timeout) throws InterruptedException {
        long left = timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                if (broken != null) {
                    throw broken;
                }
                if (shutdown) {
                    throw new PoolClosedException("pool " + name() + " is shut down; its workers will not become ready");
                }
                int ready = 0;
                for (WorkerHandle w : workers) {
                    if (w.state == WorkerHandle.State.READY) {
                        ready++;
                    }
                }
                if (ready >= cfg.workers()) {
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

    List<Long> workerPids() {
        lock.lock();
        try {
            return workers.stream().filter(w -> w.state != WorkerHandle.State.DEAD).map(WorkerHandle::pid).toList();
        } finally {
            lock.unlock();
        }
    }

    long workersStarted() {
        lock.lock();
        try {
            return workerSequence;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void shutdownNow() {
        List<WorkerHandle> all;
        lock.lock();
        try {
            all = new ArrayList<>(workers);
        } finally {
            lock.unlock();
        }
        for (WorkerHandle w : all) {
            w.process.destroyForcibly(); // running tasks were cancelled by core; their answers no longer matter
        }
    }

    /* Called from whichever thread saw the last task exit (often a reader): the stopping happens elsewhere. */
    @Override
    public CompletionStage<Void> terminate() {
        Thread.ofVirtual().name(name() + "-stop").start(this::stopWorkers);
        return stopped;
    }

    /** Every task has exited: ask the workers to exit, make sure they do, and remove the socket directory. */
    private void stopWorkers() {
        List<WorkerHandle> all;
        lock.lock();
        try {
            stopping = true;
            all = new ArrayList<>(workers);
            for (WorkerHandle w : all) {
                if (!w.write(Frames.SHUTDOWN, 0, null)) {
                    w.process.destroy(); // not connected yet: nothing to finish
                }
            }
        } finally {
            lock.unlock();
        }
        for (WorkerHandle w : all) {
            w.flush();
        }
        for (WorkerHandle w : all) {
            try {
                if (!w.process.waitFor(5, TimeUnit.SECONDS)) {
                    w.process.destroyForcibly();
                    w.process.waitFor();
                }
            } catch (InterruptedException e) {
                w.process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            joinQuietly(w.reader);
            for (Thread t : w.forwarders) {
                joinQuietly(t);
            }
        }
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        joinQuietly(acceptor);
        flusherStop = true;
        java.util.concurrent.locks.LockSupport.unpark(flusher);
        joinQuietly(flusher);
        try {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot remove the socket directory " + dir + " of pool " + name, e);
        } finally {
            stopped.complete(null);
        }
    }

    /** The socket directory (for tests: it must be gone after close). */
    Path socketDirectory() {
        return dir;
    }
}
