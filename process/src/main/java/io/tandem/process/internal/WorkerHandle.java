package io.tandem.process.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The parent's view of one worker process: its process, its connection, the tasks sent to it (oldest
 * first: the worker runs them in that order) and the last lines of its stderr. The in-flight
 * bookkeeping is guarded by the pool's lock; writes by {@link #writeLock}.
 */
final class WorkerHandle {
    enum State { STARTING, READY, RETIRING, DEAD }

    private static final int STDERR_LINES = 20;

    final int number;
    final Process process;
    final ReentrantLock writeLock = new ReentrantLock();
    final ArrayDeque<RemoteTask<?>> inFlight = new ArrayDeque<>();   // pool lock
    final Map<Long, RemoteTask<?>> byId = new HashMap<>();           // pool lock
    final Set<Long> definedFns = new HashSet<>();                    // pool lock
    State state = State.STARTING;                                    // pool lock
    int assigned;                                                    // pool lock
    long startedNanos = System.nanoTime();
    long readyNanos;
    Throwable initFailure;                                           // pool lock
    private final ArrayDeque<String> stderrTail = new ArrayDeque<>(); // guarded by itself
    volatile SocketChannel channel;
    volatile Frames.Writer writer;
    volatile Thread reader;
    volatile boolean flushScheduled;
    final List<Thread> forwarders = new ArrayList<>(2);
    /** Channel operations running for this worker's tasks, by request id (for CH_ABORT). */
    final Map<Long, ChannelOp> channelCalls = new java.util.concurrent.ConcurrentHashMap<>();

    /** A channel operation run for a worker; an abort may arrive before its thread starts. */
    static final class ChannelOp {
        private Thread thread;
        private boolean aborted;

        synchronized void begin() {
            thread = Thread.currentThread();
            if (aborted) {
                thread.interrupt();
            }
        }

        synchronized void abort() {
            aborted = true;
            if (thread != null) {
                thread.interrupt();
            }
        }
    }

    WorkerHandle(int number, Process process) {
        this.number = number;
        this.process = process;
    }

    long pid() {
        return process.pid();
    }

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

    /** Starts a thread that forwards one of the worker's streams line by line. */
    /** What a JVM training an AOT cache prints about it at exit: not the worker's output. */
    private static boolean aotChatter(String line) {
        return line.startsWith("Temporary AOTConfiguration recorded") || line.startsWith("Launching child process ")
                || line.startsWith("Picked up JAVA_TOOL_OPTIONS") || line.startsWith("Reading AOTConfiguration")
                || line.startsWith("AOTCache creation is complete") || line.startsWith("Removed temporary AOT configuration");
    }

    /** Whether this worker is the one training the AOT cache (its exit chatter is filtered). */
    volatile boolean trainsAot;

    void forward(InputStream in, boolean stderr, io.tandem.process.WorkerOutput output) {
        Thread t = Thread.ofVirtual().name("worker-" + number + (stderr ? "-stderr" : "-stdout")).start(() -> {
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

    /** Writes one frame (the caller flushes). Returns false if the connection is broken. */
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
            // the worker is dying; its exit is handled by the pool
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public String toString() {
        return "worker-" + number + "[pid " + pid() + ", " + state + ", " + inFlight.size() + " in flight]";
    }
}
