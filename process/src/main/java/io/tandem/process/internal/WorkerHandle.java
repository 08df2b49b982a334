package io.tandem.process.internal;

import io.tandem.process.Codec;
import io.tandem.process.WorkerOutput;
import io.tandem.spi.WorkerInfo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The parent's view of one worker process: the process and its connection, the tasks sent to it (oldest
 * first: the worker runs them in that order, so the oldest is the one running), the map functions it
 * has been sent, and the last lines of its stderr.
 *
 * <p>Life: {@code STARTING} (spawned, not ready) → {@code READY} (takes tasks) → {@code RETIRING} (ran its
 * quota of tasks: finishes those it has, then is told to exit) → {@code DEAD}. The methods marked "pool
 * lock" change or read that scheduling state and are called with {@link Scheduler}'s lock held; frames
 * are written under this handle's own write lock, from any thread.
 */
final class WorkerHandle {
    enum State { STARTING, READY, RETIRING, DEAD }

    private static final int STDERR_LINES = 20;
    private static final java.util.concurrent.atomic.AtomicInteger NUMBERS = new java.util.concurrent.atomic.AtomicInteger();

    private final int number;
    private final Process process;
    private final boolean trainsAot;
    private final ChannelCalls channelCalls;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ArrayDeque<RemoteTask<?>> inFlight = new ArrayDeque<>();   // pool lock
    private final Map<Long, RemoteTask<?>> byId = new HashMap<>();           // pool lock
    private final Set<Long> definedFns = new HashSet<>();                    // pool lock
    private State state = State.STARTING;                                    // pool lock
    private int assigned;                                                    // pool lock
    private volatile Throwable initFailure;
    private volatile Frames.Writer writer;
    private volatile Thread reader;
    private volatile boolean flushClaimed;
    private volatile CompletableFuture<Void> exitHandled = CompletableFuture.completedFuture(null);
    private final List<Thread> forwarders = new ArrayList<>(2);
    private final ArrayDeque<String> stderrTail = new ArrayDeque<>();        // guarded by itself

    /** @param trainsAot whether this worker trains the AOT cache (its exit chatter is not output) */
    WorkerHandle(int number, Process process, boolean trainsAot, Codec codec, String poolName) {
        this.number = number;
        this.process = process;
        this.trainsAot = trainsAot;
        this.channelCalls = new ChannelCalls(this, codec, poolName);
    }

    /** The next worker number: 1, 2, ... across every pool of this JVM, so no two workers share one. */
    static int nextNumber() {
        return NUMBERS.incrementAndGet();
    }

    long pid() {
        return process.pid();
    }

    WorkerInfo info() {
        return new WorkerInfo("worker-" + number, pid(), "localhost");
    }

    ChannelCalls channelCalls() {
        return channelCalls;
    }

    // ---- scheduling state (pool lock) ---------------------------------------------------------------

    /** Pool lock. The worker said READY; true if it was starting (the first time). */
    boolean markReady() {
        if (state != State.STARTING) {
            return false;
        }
        state = State.READY;
        return true;
    }

    /** Pool lock. */
    boolean isStarting() {
        return state == State.STARTING;
    }

    /** Pool lock. Whether it takes tasks (it may be full). */
    boolean isReady() {
        return state == State.READY;
    }

    /** Pool lock. Starting or ready: it counts toward the pool's size. */
    boolean isLive() {
        return state == State.STARTING || state == State.READY;
    }

    /** Pool lock. How many tasks were sent to it and not answered. */
    int load() {
        return inFlight.size();
    }

    /**
     * Pool lock. Writes {@code t} (after its map function, the first time this worker needs it), records it
     * as in flight, and retires the worker once it was sent {@code maxTasks} tasks (0: no limit). True if
     * {@code t} is the oldest task here, the one that runs now.
     */
    boolean assign(RemoteTask<?> t, int maxTasks) {
        t.sentTo(this);
        if (t.fn != null && definedFns.add(t.fn.id())) {
            write(Frames.DEFINE, t.fn.id(), t.fn.bytes());
        }
        write(t.frameType, t.wireId, t.payload);
        inFlight.add(t);
        byId.put(t.wireId, t);
        if (maxTasks > 0 && ++assigned >= maxTasks) {
            state = State.RETIRING;
        }
        return inFlight.size() == 1;
    }

    /**
     * Pool lock. The worker answered task {@code id}: forget it and return it (null if it is not here). A
     * retiring worker that has nothing left is told to exit.
     */
    RemoteTask<?> answered(long id) {
        RemoteTask<?> t = byId.remove(id);
        if (t == null) {
            return null;
        }
        inFlight.remove(t);
        t.leftWorker();
        if (state == State.RETIRING && inFlight.isEmpty()) {
            write(Frames.SHUTDOWN, 0, null);
        }
        return t;
    }

    /** Pool lock. The oldest unanswered task (the one running), or null. */
    RemoteTask<?> oldest() {
        return inFlight.peek();
    }

    /** Pool lock. Whether task {@code t} was sent here and not answered. */
    boolean has(RemoteTask<?> t) {
        return byId.containsKey(t.wireId);
    }

    /** Pool lock. The process has exited: returns the tasks it had, oldest first, and holds none after. */
    List<RemoteTask<?>> die() {
        state = State.DEAD;
        List<RemoteTask<?>> orphans = new ArrayList<>(inFlight);
        inFlight.clear();
        byId.clear();
        for (RemoteTask<?> t : orphans) {
            t.leftWorker();
        }
        return orphans;
    }

    // ---- connection ---------------------------------------------------------------------------------

    /** Pool lock. The worker connected; {@code readerThread} reads its frames. */
    void connect(SocketChannel channel, Thread readerThread) {
        this.writer = new Frames.Writer(channel);
        this.reader = readerThread;
    }

    /** Writes one frame (the caller flushes). Returns false if the worker is not connected. */
    boolean write(byte type, long id, byte[] payload) {
        Frames.Writer w = writer;
        if (w == null) {
            return false;
        }
        writeLock.lock();
        try {
            w.frame(type, id, payload);
            return true;
        } finally {
            writeLock.unlock();
        }
    }

    void flush() {
        Frames.Writer w = writer;
        if (w == null) {
            return;
        }
        writeLock.lock();
        try {
            if (w.hasPending()) {
                w.flush();
            }
        } catch (IOException e) {
            // the worker is dying; its exit is handled by the Supervisor
        } finally {
            writeLock.unlock();
        }
    }

    /** For the {@link Flusher}: true if no batched flush of this worker was queued yet (now one is). */
    boolean claimFlush() {
        if (flushClaimed) {
            return false;
        }
        flushClaimed = true;
        return true;
    }

    /** For the {@link Flusher}: the queued flush is about to run. */
    void releaseFlush() {
        flushClaimed = false;
    }

    /** The worker's initializer threw (an INIT_FAILED frame); it will exit. */
    void initFailed(Throwable failure) {
        this.initFailure = failure;
    }

    /** Why its initializer failed, or null. */
    Throwable initFailure() {
        return initFailure;
    }

    // ---- process ------------------------------------------------------------------------------------

    /** Pool lock (so it follows INIT). Asks the worker to exit when idle; one not connected yet is terminated. */
    void requestExit() {
        if (!write(Frames.SHUTDOWN, 0, null)) {
            process.destroy();
        }
    }

    void kill() {
        process.destroyForcibly();
    }

    /**
     * Runs {@code handler} on a platform thread of its own once the process has exited: it decides the fate
     * of the worker's tasks and must run even when the application keeps every carrier of the virtual-thread
     * scheduler busy (a virtual thread here once left close() waiting forever behind pinned carriers).
     */
    void onExit(Runnable handler) {
        exitHandled = process.onExit().thenRunAsync(handler,
                r -> Thread.ofPlatform().daemon(true).name("worker-" + number + "-exit").start(r));
    }

    /** After the process exited: waits until every frame it sent and every line it wrote was handled. */
    int awaitDrained() {
        Join.quietly(reader);
        for (Thread t : forwarders) {
            Join.quietly(t);
        }
        channelCalls.abortAll();
        return process.exitValue();
    }

    /**
     * Waits up to {@code grace} for the process to exit, kills it if it did not, then waits until its
     * reader, its output forwarders and its exit handler have finished.
     */
    void awaitGone(Duration grace) {
        boolean interrupted = false;
        try {
            if (!process.waitFor(grace.toNanos(), TimeUnit.NANOSECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            interrupted = true;
        }
        Join.quietly(reader);
        for (Thread t : forwarders) {
            Join.quietly(t);
        }
        while (true) {
            try {
                exitHandled.get(10, TimeUnit.SECONDS);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException | TimeoutException e) {
                break; // the handler failed or hangs: it was logged or will be; closing goes on
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- output -------------------------------------------------------------------------------------

    void rememberStderr(String line) {
        synchronized (stderrTail) {
            if (stderrTail.size() == STDERR_LINES) {
                stderrTail.removeFirst();
            }
            stderrTail.addLast(line);
        }
    }

    List<String> stderrTail() {
        synchronized (stderrTail) {
            return List.copyOf(stderrTail);
        }
    }

    /** What a JVM training an AOT cache prints about it at exit: not the worker's output. */
    private static boolean aotChatter(String line) {
        return line.startsWith("Temporary AOTConfiguration recorded") || line.startsWith("Launching child process ")
                || line.startsWith("Picked up JAVA_TOOL_OPTIONS") || line.startsWith("Reading AOTConfiguration")
                || line.startsWith("AOTCache creation is complete") || line.startsWith("Removed temporary AOT configuration");
    }

    /** Starts the threads that forward the worker's stdout and stderr line by line. Before {@link #onExit}. */
    void forwardOutput(WorkerOutput output) {
        forward(process.getInputStream(), false, output);
        forward(process.getErrorStream(), true, output);
    }

    private void forward(InputStream in, boolean stderr, WorkerOutput output) {
        // a platform thread: a read of a pipe blocks in native code and would pin a virtual thread's carrier
        Thread t = Thread.ofPlatform().daemon(true).name("worker-" + number + (stderr ? "-stderr" : "-stdout")).start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (trainsAot && aotChatter(line)) {
                        continue;
                    }
                    if (stderr) {
                        rememberStderr(line);
                    } else if (line.startsWith("Terminating due to ") || line.startsWith("# ")) {
                        rememberStderr("[stdout] " + line); // the JVM reports OOM exits and crashes on stdout
                    }
                    try {
                        output.line(number, stderr, line);
                    } catch (RuntimeException e) {
                        // a broken sink must not stop draining the pipe (the worker would block on a full pipe)
                    }
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        });
        forwarders.add(t);
    }

    @Override
    public String toString() {
        return "worker-" + number + "[pid " + pid() + "]";
    }
}
