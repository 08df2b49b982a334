package io.tandem.process.internal;

import io.tandem.spi.Capability;
import io.tandem.spi.MapChunk;
import io.tandem.spi.PoolBackend;
import io.tandem.spi.PoolContext;
import io.tandem.spi.TaskHandle;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/*
 * The worker-process pool's backend: wires its parts together and answers core's PoolBackend calls.
 *
 * Parts. WorkerListener is the wire (socket, handshake, one reader thread per worker). Scheduler decides
 * which task goes to which worker and owns the pool lock. Supervisor starts worker JVMs, breaks the pool
 * when they cannot start, and decides what a worker's death means for its running task (fail or retry).
 * Deadlines runs what happens later (timeouts, grace kills, retry backoffs) on one timer. Flusher batches
 * socket writes. TaskCodec encodes tasks and decodes answers. WorkerHandle is one worker and owns its
 * state transitions; ChannelCalls serves the channel operations of one worker's tasks; ClassServer gives
 * workers the classes their class path lacks (see ParentClassLoader).
 *
 * Ownership. One lock, Scheduler's, guards the scheduling state: the waiting queue, the roster, each
 * worker's in-flight tasks and life state, each task's placement, the Supervisor's start-up state.
 * Everything slow happens outside it: encoding (at submission, in the submitter's thread, prepare),
 * decoding (in each worker's reader thread, frame), completing tasks (which runs user callbacks), the
 * retry predicate and flushing sockets. The Scheduler decides under the lock which task goes to which
 * worker and appends the frames to that worker's buffer; it flushes after unlocking, so a burst of
 * submissions becomes one write per worker.
 *
 * Order. A worker runs tasks in the order it receives them, so the oldest task in its in-flight queue
 * is the only one that can be running. When a worker dies, its exit handler first drains every answer it
 * had sent (the reader thread ends at EOF and is joined before anything is decided); then, if the worker's
 * StartedMark says the oldest unanswered task had started, that task spends an attempt (it fails with
 * WorkerDiedException, or is retried by the RetryPolicy); every task that had not started goes back to the
 * front of the queue with its attempts untouched.
 *
 * Never hang. Every path that leaves a task waiting has an exit: a dead worker is replaced (after a
 * backoff when workers die before they are ready); workers that fail to start by their own fault three
 * times in a row (or a JVM that cannot be executed) break the pool and fail what waits, while workers
 * killed from outside never do (see Supervisor); cancellation and timeouts interrupt remotely, then kill
 * the worker after the grace period; a retry backoff is a timer, not a sleeping thread. Every thread of
 * this machinery is a platform thread: a blocking read of a pipe pins a virtual thread's carrier, and the
 * application may keep every carrier busy, so nothing here waits for the virtual-thread scheduler.
 *
 * Closing. terminate() runs stopWorkers on its own thread once every task has exited: the workers are
 * told to exit and waited for (then killed), with their reader, output and exit-handler threads; then
 * the deadline timer, the listener (socket directory removed) and the flusher stop, in that order.
 */
final class ProcessBackend implements PoolBackend {
    private static final Set<Capability> CAPABILITIES =
            EnumSet.of(Capability.OTHER_PROCESS, Capability.HOLDS_RESOURCES, Capability.INTERRUPTS);

    private final String name;
    private final int workers;
    private final int mapWindow;
    private final TaskCodec codec;
    private final byte[] initializer;
    private final WorkerListener listener;
    private final Flusher flusher;
    private final Scheduler scheduler;
    private final ClassServer classes = new ClassServer(Thread.currentThread().getContextClassLoader());
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile Thread starter;

    ProcessBackend(ProcessPoolConfig cfg, String name) throws IOException {
        this.name = name;
        this.workers = cfg.workers();
        this.mapWindow = cfg.workers() * cfg.pipelineDepth() * 2;
        this.codec = new TaskCodec(cfg.codec());
        this.initializer = cfg.initializer() == null ? new byte[0] : codec.encode(cfg.initializer(), "the initializer");
        if (cfg.initializer() != null) {
            classes.remember(cfg.initializer().getClass().getClassLoader());
        }
        this.listener = new WorkerListener(name);
        this.flusher = new Flusher(name);
        this.scheduler = new Scheduler(cfg, name, flusher, listener.socket(), listener.token());
    }

    /*
     * Starts listening and the first workers; called once the pool around this backend exists. The work
     * (the first virtual threads, the worker command, the AOT cache plan, forking the JVMs) costs a fresh
     * JVM tens of milliseconds, so it runs on a thread of its own and create() returns at once: tasks
     * submitted meanwhile wait in the queue, as they would for the workers anyway.
     */
    void startWorkers() {
        starter = Thread.ofPlatform().daemon(true).name(name + "-starter").start(() -> {
            // The fork first: a worker JVM takes tens of milliseconds to boot, and the socket is already bound,
            // so its connection waits in the backlog until the acceptor starts a moment later. Nothing is sent
            // before a worker is ready, so the flusher can start after the spawn too.
            scheduler.start();
            listener.start(new Router());
            flusher.start();
        });
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
        scheduler.attach(context);
    }

    @Override
    public void shutdown() {
        scheduler.shutdown();
    }

    @Override
    public String describe() {
        return scheduler.describe();
    }

    @Override
    public int parallelism() {
        return workers;
    }

    @Override
    public int mapWindow() {
        return mapWindow;
    }

    /** Encodes the task in the submitter's thread, so a task that cannot travel fails its submission. */
    @Override
    public Object prepare(TaskHandle<?> task) {
        Object work = task.callable() instanceof MapChunk<?, ?> chunk ? chunk.fn() : task.submitted();
        classes.remember(work.getClass().getClassLoader()); // where a worker's class requests are looked up
        return codec.prepare(task);
    }

    @Override
    public void dispatch(TaskHandle<?> task) {
        scheduler.submit((RemoteTask<?>) task.attachment());
    }

    @Override
    public void cancelled(TaskHandle<?> task) {
        scheduler.abandon((RemoteTask<?>) task.attachment());
    }

    @Override
    public void shutdownNow() {
        scheduler.killWorkers();
    }

    /* Called from whichever thread saw the last task exit (often a reader): the stopping happens elsewhere. */
    @Override
    public CompletionStage<Void> terminate() {
        // a platform thread: the stop must run even when every carrier of the virtual-thread scheduler is busy
        Thread.ofPlatform().daemon(true).name(name + "-stop").start(this::stopWorkers);
        return stopped;
    }

    /** Every task has exited: stop the workers, then the threads and files of the pool; keeps going after a failure. */
    private void stopWorkers() {
        Throwable failure = null;
        Join.quietly(starter); // every worker it started is known to the scheduler before the stop
        for (Runnable step : List.<Runnable>of(scheduler::stopWorkers, listener::close, flusher::close)) {
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
        if (failure == null) {
            stopped.complete(null);
        } else {
            stopped.completeExceptionally(failure);
        }
    }

    boolean awaitReady(Duration timeout) throws InterruptedException {
        return scheduler.awaitReady(timeout);
    }

    List<Long> workerPids() {
        return scheduler.workerPids();
    }

    long workersStarted() {
        return scheduler.workersStarted();
    }

    /** The socket directory (for tests: it must be gone after close). */
    Path socketDirectory() {
        return listener.directory();
    }

    /** Routes each worker's frames to the part that owns what they are about. */
    private final class Router implements WorkerListener.Handler {
        @Override
        public WorkerHandle connected(long pid, SocketChannel channel) {
            return scheduler.connect(pid, channel, initializer);
        }

        @Override
        public void frame(WorkerHandle w, Frames.Frame f) throws IOException {
            switch (f.type()) {
                case Frames.READY -> scheduler.ready(w);
                case Frames.INIT_FAILED -> w.initFailed(codec.failure(f.payload()));
                case Frames.RESULT, Frames.ERROR,
                     Frames.CANCELLED -> answered(w, f);
                case Frames.CH_CALL -> w.channelCalls().serve(f);
                case Frames.CH_ABORT -> w.channelCalls().abort(f.id());
                case Frames.CLASS_REQUEST -> {
                    if (w.write(Frames.CLASS_REPLY, f.id(), classes.serve(Frames.utf8(f.payload())))) {
                        w.flush();
                    }
                }
                default -> throw new IOException("unexpected frame type " + f.type() + " from " + w);
            }
        }

        private void answered(WorkerHandle w, Frames.Frame f) {
            RemoteTask<?> t = scheduler.answered(w, f.id());
            if (t == null) {
                return;
            }
            switch (f.type()) {
                case Frames.RESULT -> codec.complete(t, f.payload());
                case Frames.ERROR -> t.failRemotely(codec.failure(f.payload()));
                default -> {
                    // CANCELLED: the task had been cancelled here already
                }
            }
            t.exit();
        }
    }
}
