package io.tandem.dashboard;

import io.tandem.Monitor;
import io.tandem.graph.GraphEvent;
import io.tandem.graph.GraphObservers;
import io.tandem.spi.WorkerInfo;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Records what every pool, scope and task graph of this JVM does from {@link #start()} to {@link #close()}:
 * the task stream (every finished task with its worker, attempt, start and end), progress per kind of task,
 * busy time per worker, every failure (grouped) and each graph run's DAG state. A {@link Dashboard} shows a
 * recording live; {@link #writeChromeTrace} saves it for Perfetto or {@code chrome://tracing}.
 *
 * {@snippet :
 * try (Recording rec = Recording.start()) {
 *     pool.map(x -> work(x), items);
 *     rec.writeChromeTrace(Path.of("run.trace.json"));
 * }
 * }
 *
 * <p>Underneath is a {@link Monitor} whose per-pool rings a platform thread of the recording drains every
 * {@value #DRAIN_MILLIS} ms; what the rings dropped before that is counted per pool, and failures are never
 * dropped. The stream keeps at most {@value RunState#MAX_SPANS} tasks (then counts the rest).
 *
 * <p>Concurrency: thread-safe. {@link #close()} drains what is left, stops and joins its thread, and is
 * idempotent; writing a trace after close writes what was recorded.
 */
public final class Recording implements AutoCloseable {
    static final int DRAIN_MILLIS = 50;

    private final Monitor monitor;
    private final RunState state;
    private final AutoCloseable graphs;
    private final ConcurrentLinkedQueue<Object> graphEvents = new ConcurrentLinkedQueue<>();
    private final List<GraphView> graphViews = new ArrayList<>(); // guarded by this
    private final Thread drainer;
    private final Monitor.EventSink sink = new Monitor.EventSink() { // called with this recording's lock held
        @Override
        public void event(Monitor.Kind kind, String pool, long task, String label, WorkerInfo worker,
                          int attempt, long startNanos, long endNanos, Throwable error) {
            state.add(kind, pool, task, label, worker, attempt, startNanos, endNanos, error);
        }

        @Override
        public void untimed(String pool, String label, WorkerInfo worker, long count) {
            state.untimed(pool, label, worker, count);
        }
    };
    private volatile boolean closed;
    private int graphIds; // guarded by this

    private Recording(int ringCapacity) {
        this.monitor = Monitor.open(ringCapacity);
        this.state = new RunState(monitor.openedNanos());
        this.graphs = GraphObservers.register(tasks -> {
            GraphView[] view = new GraphView[1];
            graphEvents.add((Runnable) () -> {
                view[0] = new GraphView(++graphIds, tasks);
                graphViews.add(view[0]);
            });
            return e -> graphEvents.add(new Object[] {view, e});
        });
        this.drainer = Thread.ofPlatform().daemon().name("tandem-recording").unstarted(this::drainLoop);
        drainer.start();
    }

    /** Starts recording every pool and graph of this JVM, with rings of {@link Monitor#DEFAULT_CAPACITY} events. */
    public static Recording start() {
        return new Recording(Monitor.DEFAULT_CAPACITY);
    }

    /** Starts recording with rings of {@code ringCapacity} events per pool (2 to 2^24). */
    public static Recording start(int ringCapacity) {
        return new Recording(ringCapacity);
    }

    /** The monitor underneath: pool counters, workers and grouped failures. */
    public Monitor monitor() {
        return monitor;
    }

    private void drainLoop() {
        while (!closed) {
            drainNow();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS));
        }
    }

    /** Moves what the monitor and the graphs recorded into the state. */
    synchronized void drainNow() {
        Object o;
        while ((o = graphEvents.poll()) != null) {
            if (o instanceof Runnable r) {
                r.run();
            } else if (o instanceof Object[] pair && ((GraphView[]) pair[0])[0] != null) {
                ((GraphView[]) pair[0])[0].on((GraphEvent) pair[1]);
            }
        }
        monitor.drainTo(sink);
    }

    RunState state() {
        return state;
    }

    List<GraphView> graphViews() {
        return graphViews;
    }

    /** Writes what was recorded so far as Chrome trace-event JSON (a complete event per task). */
    public void writeChromeTrace(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            writeChromeTrace(out);
        }
    }

    /** Writes what was recorded so far as Chrome trace-event JSON to {@code out} (not closed). */
    public void writeChromeTrace(OutputStream out) throws IOException {
        drainNow();
        synchronized (this) {
            ChromeTrace.write(state, monitor, out);
        }
    }

    /** Stops recording: drains what is left, stops the drain thread and waits for it. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        LockSupport.unpark(drainer);
        boolean interrupted = false;
        while (drainer.isAlive()) {
            try {
                drainer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        try {
            graphs.close();
        } catch (Exception e) {
            throw new IllegalStateException("unreachable: removing an observer does not fail", e);
        } finally {
            monitor.close();
            drainNow();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
