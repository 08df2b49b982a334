package io.tandem.graph;

import java.util.List;
import java.util.function.Consumer;

/**
 * Watches every {@link TaskGraph} run of this JVM (a dashboard does), without the run's own
 * {@link RunOptions#listener}. Register with {@link GraphObservers#register}.
 *
 * <p>Concurrency: {@link #runStarting} is called on the thread that starts a run; the consumer it returns
 * receives that run's events one at a time, in order (as a run's own listener does), must be quick and must
 * not block. An exception it throws is logged and ignored.
 */
public interface GraphObserver {
    /**
     * A run is about to start with these tasks (added tasks arrive later as {@link GraphEvent.TaskAdded}).
     * Returns the listener for this run's events, or {@code null} to ignore the run.
     */
    Consumer<? super GraphEvent> runStarting(List<TaskShape> tasks);

    /**
     * A task of a run as declared: its name, the pool it runs on and the tasks it needs.
     *
     * @param name  the task's name
     * @param pool  the name of its pool in the run's options
     * @param needs the names of the tasks it waits for
     */
    record TaskShape(String name, String pool, List<String> needs) {
    }
}
