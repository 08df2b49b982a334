package io.tandem.dashboard;

import io.tandem.Outcome;
import io.tandem.TaskPool;
import io.tandem.spi.PoolListener;
import io.tandem.spi.PoolListeners;
import io.tandem.spi.TaskHandle;
import io.tandem.spi.WorkerInfo;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Emits a JFR event, {@code io.tandem.Task}, for every task attempt on every pool while a JFR recording
 * runs ({@code -XX:StartFlightRecording}, {@code jcmd PID JFR.start}, JDK Mission Control), so a recording
 * shows tasks beside GC, locks and I/O.
 *
 * <p>{@link #install()} only watches JFR's state: it listens to pools while a recording is running and
 * not otherwise, so pools pay nothing for it when no recording is on.
 *
 * <p>Concurrency: thread-safe; {@code install} is idempotent and the returned handle uninstalls.
 */
public final class JfrEvents {
    private static final Object LOCK = new Object();
    private static int installs;             // guarded by LOCK
    private static AutoCloseable listening;  // guarded by LOCK
    private static final FlightRecorderListener WATCHER = new FlightRecorderListener() {
        @Override
        public void recordingStateChanged(Recording recording) {
            update();
        }
    };

    private JfrEvents() {
    }

    /** Emits task events whenever a JFR recording runs, until the returned handle is closed. */
    public static AutoCloseable install() {
        synchronized (LOCK) {
            if (installs++ == 0) {
                FlightRecorder.addListener(WATCHER);
            }
        }
        update();
        return JfrEvents::uninstall;
    }

    private static void uninstall() {
        synchronized (LOCK) {
            if (installs == 0) {
                return;
            }
            if (--installs == 0) {
                FlightRecorder.removeListener(WATCHER);
                stopListening();
            }
        }
    }

    private static void update() {
        boolean running = FlightRecorder.isInitialized() && FlightRecorder.getFlightRecorder().getRecordings()
                .stream().anyMatch(r -> r.getState() == RecordingState.RUNNING);
        synchronized (LOCK) {
            if (running && installs > 0 && listening == null) {
                listening = PoolListeners.register(new Emitter());
            } else if (!running) {
                stopListening();
            }
        }
    }

    private static void stopListening() {
        if (listening != null) {
            try {
                listening.close();
            } catch (Exception e) {
                throw new IllegalStateException("unreachable: removing a listener does not fail", e);
            }
            listening = null;
        }
    }

    /* Begins an event when an attempt starts, commits it when the task ends (or when a new attempt starts). */
    private static final class Emitter implements PoolListener {
        private final Map<TaskHandle<?>, TaskJfrEvent> open = new ConcurrentHashMap<>();

        @Override
        public void taskStarted(TaskPool pool, TaskHandle<?> task, WorkerInfo worker, int attempt) {
            TaskJfrEvent e = new TaskJfrEvent();
            if (!e.isEnabled()) {
                return;
            }
            e.begin();
            e.pool = pool.name();
            e.label = task.label();
            e.worker = worker == null ? null : worker.id();
            e.pid = worker == null ? -1 : worker.pid();
            e.attempt = attempt;
            TaskJfrEvent previous = open.put(task, e);
            if (previous != null) {
                previous.outcome = "retried";
                previous.task = task.name();
                previous.commit();
            }
        }

        @Override
        public void taskDone(TaskPool pool, TaskHandle<?> task, Outcome<?> outcome) {
            TaskJfrEvent e = open.remove(task);
            if (e == null) {
                return; // never started, or started before the recording
            }
            e.end();
            e.task = task.name();
            switch (outcome) {
                case Outcome.Success<?> s -> e.outcome = "succeeded";
                case Outcome.Failure<?> f -> {
                    e.outcome = "failed";
                    e.error = f.error().toString();
                }
                case Outcome.Cancelled<?> c -> e.outcome = "cancelled";
            }
            e.commit();
        }
    }
}
