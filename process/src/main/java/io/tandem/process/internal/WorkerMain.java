package io.tandem.process.internal;

import io.tandem.process.Codec;
import io.tandem.process.Codecs;
import io.tandem.spi.MapChunk;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.locks.ReentrantLock;

/*
 * The main class of a worker JVM.
 *
 * The main thread reads frames; one platform thread ("tandem-task") runs tasks in the order they
 * arrive, so the parent always knows which task was running if this process dies: the oldest one it
 * has no answer for. Results are written under a lock and flushed when the task queue is empty, so a
 * pipelined burst of small tasks is answered with few system calls.
 *
 * Cancellation interrupts the task thread only if it is still running that very task (checked under
 * `runLock`, the same lock the task thread holds to switch tasks), so a late CANCEL never hits the next
 * task. A worker exits when told to (SHUTDOWN), when its connection closes, or when its parent process
 * exits, so a SIGKILLed parent leaves no orphan workers.
 *
 * Classes the worker's class path lacks (a `java Prog.java` program's, compiled in the parent's memory)
 * come from the parent on demand through ParentClassLoader, the task thread's context class loader; map
 * functions are decoded on the task thread (MapFunctions), so one that cannot be decoded fails its tasks,
 * never this worker, and the reader stays free to hand over the parent's replies.
 */
public final class WorkerMain {
    private static final long INIT_ID = -1;

    private final SocketChannel channel;
    private final java.util.concurrent.CompletableFuture<Codec> codecReady;
    private final Frames.Writer writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final LinkedBlockingDeque<Frames.Frame> queue = new LinkedBlockingDeque<>();
    private final MapFunctions functions = new MapFunctions();
    private final ParentClassLoader classes;
    private final Object runLock = new Object();
    private final Thread taskThread;
    private final Thread flusher;
    private final StartedMark started;
    private volatile boolean dirty;
    private long running = Long.MIN_VALUE; // guarded by runLock
    private final Map<Long, java.util.concurrent.CompletableFuture<byte[]>> channelCalls = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong channelCallIds = new java.util.concurrent.atomic.AtomicLong();
    private final long parentPid = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
    private static volatile WorkerMain current;

    /** This process's worker, or null when this JVM is not a Tandem worker. */
    static WorkerMain current() {
        return current;
    }

    long parentPid() {
        return parentPid;
    }

    /** The codec; building it (Fory: hundreds of ms without an AOT cache) overlaps with connecting. */
    Codec codec() {
        return codecReady.join();
    }

    /**
     * Sends a channel operation to the parent and waits for its reply. If interrupted, asks the parent to
     * abandon the operation and still waits for the reply (see ChannelRpc), then restores the interrupt.
     */
    byte[] channelCall(byte[] payload) throws InterruptedException {
        long id = channelCallIds.incrementAndGet();
        java.util.concurrent.CompletableFuture<byte[]> reply = new java.util.concurrent.CompletableFuture<>();
        channelCalls.put(id, reply);
        sendUninterruptibly(Frames.CH_CALL, id, payload);
        return awaitReply(id, reply);
    }

    /** Sends a channel operation nobody abandons (a batch of sends) and returns its reply to come. */
    java.util.concurrent.CompletableFuture<byte[]> channelCallAsync(byte[] payload) {
        long id = channelCallIds.incrementAndGet();
        java.util.concurrent.CompletableFuture<byte[]> reply = new java.util.concurrent.CompletableFuture<>();
        channelCalls.put(id, reply);
        sendUninterruptibly(Frames.CH_CALL, id, payload);
        return reply.whenComplete((r, e) -> channelCalls.remove(id));
    }

    private byte[] awaitReply(long id, java.util.concurrent.CompletableFuture<byte[]> reply) throws InterruptedException {
        try {
            return reply.get();
        } catch (InterruptedException e) {
            sendUninterruptibly(Frames.CH_ABORT, id, null);
            boolean interrupted = true;
            while (true) {
                try {
                    byte[] r = reply.get();
                    Thread.currentThread().interrupt();
                    return r;
                } catch (InterruptedException again) {
                    interrupted = true;
                } catch (java.util.concurrent.ExecutionException ee) {
                    throw new IllegalStateException(ee.getCause());
                }
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            channelCalls.remove(id);
        }
    }

    /*
     * A thread interrupted during a socket write closes the socket (SocketChannel is an
     * InterruptibleChannel), which would end this worker. Channel calls come from task threads, which
     * users interrupt (the conformance suite does, on purpose), so their frames are written by a
     * short-lived virtual thread that nobody interrupts; an interrupt meanwhile is kept for the caller.
     */
    void sendUninterruptibly(byte type, long id, byte[] payload) {
        Thread w = Thread.ofVirtual().name("tandem-channel-write").start(() -> send(type, id, payload, true));
        boolean interrupted = false;
        while (true) {
            try {
                w.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private WorkerMain(SocketChannel channel, java.util.concurrent.CompletableFuture<Codec> codecReady, StartedMark started) {
        this.channel = channel;
        this.started = started;
        this.codecReady = codecReady;
        this.writer = new Frames.Writer(channel);
        // serve() reads frames on the thread that builds this worker: it must never wait for a class
        this.classes = new ParentClassLoader(localClasses(), this::sendUninterruptibly,
                Thread.currentThread());
        this.taskThread = Thread.ofPlatform().name("tandem-task").daemon(true).unstarted(this::runTasks);
        // both codecs resolve classes they cannot find through the context class loader (Fory falls back
        // to it; JavaCodec asks it): tasks, and the threads they or Fory's compiler start, inherit it
        taskThread.setContextClassLoader(classes);
        this.flusher = Thread.ofPlatform().name("tandem-flusher").daemon(true).unstarted(this::flushLoop);
    }

    /*
     * Results written while more tasks are queued are not flushed at once (a burst of tiny tasks then
     * costs one write), but they must not wait behind a long next task either: this thread flushes
     * anything left unflushed after ~20 microseconds.
     */
    private void flushLoop() {
        while (true) {
            java.util.concurrent.locks.LockSupport.park();
            while (dirty) {
                java.util.concurrent.locks.LockSupport.parkNanos(20_000);
                dirty = false;
                flushQuietly();
            }
        }
    }

    /** What the worker can load itself: its class path, and the user's class directories if the parent moved them. */
    private static ClassLoader localClasses() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : WorkerMain.class.getClassLoader();
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: WorkerMain SOCKET TOKEN CODEC (started by io.tandem.process.ProcessPool, not by hand)");
            System.exit(2);
        }
        ProcessHandle.current().parent().ifPresent(p -> p.onExit().thenRun(() -> {
            System.err.println("parent process " + p.pid() + " exited; worker exiting");
            Runtime.getRuntime().halt(0);
        }));
        WorkerClassPath.install(); // before any thread starts: they inherit the context class loader
        String codecId = args[2];
        java.util.concurrent.CompletableFuture<Codec> codec = new java.util.concurrent.CompletableFuture<>();
        Thread.ofPlatform().name("tandem-codec-init").daemon(true).start(() -> {
            try {
                codec.complete(Codecs.fromId(codecId));
            } catch (Throwable t) {
                codec.completeExceptionally(t);
            }
        });
        Path socket = Path.of(args[0]);
        // before HELLO: a worker that takes tasks always records which one it starts (see StartedMark)
        StartedMark started = StartedMark.create(socket.getParent(), ProcessHandle.current().pid());
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(socket));
        WorkerMain worker = new WorkerMain(ch, codec, started);
        current = worker;
        worker.serve(args[1]);
    }

    private void serve(String token) throws IOException {
        send(Frames.HELLO, ProcessHandle.current().pid(), Frames.utf8(token), true);
        taskThread.start();
        flusher.start();
        Frames.Reader reader = new Frames.Reader(channel);
        try {
            while (true) {
                Frames.Frame f = reader.next();
                switch (f.type()) {
                    case Frames.INIT, Frames.TASK_CALL, Frames.TASK_CHUNK -> queue.add(f);
                    case Frames.DEFINE -> functions.define(f.id(), f.payload()); // decoded by the task thread
                    case Frames.CANCEL -> cancel(f.id());
                    case Frames.CLASS_REPLY -> classes.reply(f.id(), f.payload());
                    case Frames.CH_REPLY -> {
                        java.util.concurrent.CompletableFuture<byte[]> r = channelCalls.get(f.id());
                        if (r != null) {
                            r.complete(f.payload());
                        }
                    }
                    case Frames.SHUTDOWN -> {
                        queue.add(f);
                        return; // the task thread exits the JVM once it reaches this frame
                    }
                    default -> throw new IOException("unknown frame type " + f.type());
                }
            }
        } catch (EOFException e) {
            exit(0); // the parent closed the connection: it is gone or closing
        }
    }

    private void cancel(long id) {
        synchronized (runLock) {
            if (running == id) {
                taskThread.interrupt();
                return;
            }
        }
        if (queue.removeIf(q -> q.id() == id && q.type() != Frames.INIT)) {
            send(Frames.CANCELLED, id, null, true);
        }
    }

    private void runTasks() {
        try {
            while (true) {
                Frames.Frame f = nextFrame();
                if (f.type() == Frames.SHUTDOWN) {
                    flushQuietly();
                    exit(0);
                }
                synchronized (runLock) {
                    running = f.id();
                    Thread.interrupted(); // never carry an interrupt into the next task
                }
                if (f.type() != Frames.INIT) {
                    started.started(f.id()); // from here on, this worker's death spends an attempt of this task
                }
                byte type;
                byte[] payload;
                try {
                    Object value = WorkerChannels.settleAfter(() -> run(f)); // a task's channel sends land before its result
                    type = f.type() == Frames.INIT ? Frames.READY : Frames.RESULT;
                    payload = f.type() == Frames.INIT ? null : encodeResult(value);
                } catch (Throwable t) {
                    if (t instanceof OutOfMemoryError) {
                        throw (OutOfMemoryError) t; // -XX:+ExitOnOutOfMemoryError normally ends us first
                    }
                    type = f.type() == Frames.INIT ? Frames.INIT_FAILED : Frames.ERROR;
                    payload = encodeFailure(t);
                } finally {
                    synchronized (runLock) {
                        running = Long.MIN_VALUE;
                        Thread.interrupted();
                    }
                }
                send(type, f.id(), payload, queue.isEmpty());
                if (type == Frames.INIT_FAILED) {
                    flushQuietly();
                    exit(3);
                }
            }
        } catch (InterruptedException e) {
            exit(0);
        }
    }

    /*
     * In a request/response exchange the next task arrives a round trip after our answer left. Spinning
     * for a few tens of microseconds before parking saves the park/unpark hand-off on that path; an idle
     * worker parks after the spin, so the cost is bounded and only paid right after a task.
     */
    private Frames.Frame nextFrame() throws InterruptedException {
        long until = System.nanoTime() + 50_000;
        do {
            Frames.Frame f = queue.poll();
            if (f != null) {
                return f;
            }
            Thread.onSpinWait();
        } while (System.nanoTime() - until < 0);
        return queue.take();
    }

    private Object run(Frames.Frame f) throws Exception {
        switch (f.type()) {
            case Frames.INIT -> {
                if (f.payload().length > 0) {
                    ((Runnable) codec().decode(f.payload())).run();
                }
                return null;
            }
            case Frames.TASK_CALL -> {
                return ((Callable<?>) codec().decode(f.payload())).call();
            }
            case Frames.TASK_CHUNK -> {
                Jobs.ChunkJob job = (Jobs.ChunkJob) codec().decode(f.payload());
                Object fn = functions.get(job.fnId(), codec());
                @SuppressWarnings({"unchecked", "rawtypes"})
                MapChunk chunk = new MapChunk((io.tandem.function.SerializableFunction) fn, job.items(), job.firstIndex());
                return chunk.call();
            }
            default -> throw new IllegalStateException("not a task frame: " + f.type());
        }
    }

    private byte[] encodeResult(Object value) {
        byte[] bytes = codec().encode(value);
        if (bytes.length > Frames.MAX_FRAME - 9) {
            throw new io.tandem.process.CodecException("the task's result encodes to " + bytes.length + " bytes, more than"
                    + " the " + (Frames.MAX_FRAME - 9) + " one frame carries: return it in parts (or write it to a file)", null);
        }
        return bytes;
    }

    /**
     * Failures always travel with JDK serialization, whatever the pool's codec: exceptions are rare, the
     * JDK handles every Throwable's fields and stack trace, and Fory needs most of a second to build its
     * serializers for a Throwable in a fresh worker.
     */
    private static byte[] encodeFailure(Throwable t) {
        try {
            return JavaCodec.INSTANCE.encode(Jobs.RemoteFailure.of(t, true));
        } catch (RuntimeException | StackOverflowError e) {
            return JavaCodec.INSTANCE.encode(Jobs.RemoteFailure.of(t, false));
        }
    }

    private void send(byte type, long id, byte[] payload, boolean flush) {
        writeLock.lock();
        try {
            writer.frame(type, id, payload);
            if (flush) {
                writer.flush();
            } else {
                dirty = true;
                java.util.concurrent.locks.LockSupport.unpark(flusher);
            }
        } catch (IOException e) {
            exit(0); // the parent is gone
        } finally {
            writeLock.unlock();
        }
    }

    private void flushQuietly() {
        writeLock.lock();
        try {
            if (writer.hasPending()) {
                writer.flush();
            }
        } catch (IOException ignored) {
            // the parent is gone; we are exiting anyway
        } finally {
            writeLock.unlock();
        }
    }

    private static void exit(int status) {
        ForyAtExit.silence();
        System.out.flush();
        System.err.flush();
        System.exit(status);
    }
}
