package io.tandem.graph;

import java.time.Duration;

/**
 * Something that happened in a run, delivered to the {@link RunOptions#listener listener} as it
 * happens: for progress bars, logs and dashboards.
 *
 * <p>Thread safety: immutable values. Events of one run are delivered one at a time, in order, from
 * the scheduler (never concurrently), so a listener needs no locking but must be quick.
 */
public sealed interface GraphEvent {

    /** Time since the run started. */
    Duration at();

    /** The run started with {@code tasks} tasks. */
    record RunStarted(Duration at, int tasks) implements GraphEvent {
    }

    /** A running task added a task. */
    record TaskAdded(Duration at, String task, String addedBy) implements GraphEvent {
    }

    /** An attempt started on {@code worker}. */
    record TaskStarted(Duration at, String task, int attempt, String worker) implements GraphEvent {
    }

    /** An attempt failed and another follows after {@code delay}. */
    record TaskRetrying(Duration at, String task, int attempt, Throwable error, Duration delay) implements GraphEvent {
    }

    /** A task reached its final state. */
    record TaskFinished(Duration at, TaskResult result) implements GraphEvent {
    }

    /** Every task has a final state. */
    record RunFinished(Duration at, RunResult result) implements GraphEvent {
    }
}
