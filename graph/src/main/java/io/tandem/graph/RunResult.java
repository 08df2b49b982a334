package io.tandem.graph;

import io.tandem.graph.internal.RunResultJson;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The result of a run: every task's outcome (succeeded, failed with its exception, skipped with the
 * reason, cancelled), attempts, start and end times and worker, in the order the tasks were added
 * (tasks added while running last), with a JSON form ({@link #toJson()}).
 *
 * <p>Thread safety: immutable (task values are whatever the tasks returned).
 *
 * <p>{@code elapsed} is the run's makespan; {@code cancelled} says whether it was cancelled
 * ({@link GraphRun#cancel()} or fail-fast); {@code workers} lists the worker labels
 * ({@code pool#slot}) that could run tasks.
 */
public final class RunResult {
    private final List<TaskResult> tasks;
    private final Instant startedAt;
    private final Duration elapsed;
    private final boolean cancelled;
    private final List<String> workers;
    private volatile Map<String, TaskResult> byName;

    public RunResult(List<TaskResult> tasks, Instant startedAt, Duration elapsed, boolean cancelled,
                     List<String> workers) {
        this.tasks = List.copyOf(tasks);
        this.startedAt = startedAt;
        this.elapsed = elapsed;
        this.cancelled = cancelled;
        this.workers = List.copyOf(workers);
    }

    /* Built on first lookup: a run of a million tasks whose caller only iterates pays nothing for it. */
    private Map<String, TaskResult> index() {
        Map<String, TaskResult> m = byName;
        if (m == null) {
            m = new HashMap<>(Math.max(16, tasks.size() * 2));
            for (TaskResult t : tasks) {
                m.put(t.name(), t);
            }
            byName = m;
        }
        return m;
    }

    public List<TaskResult> tasks() {
        return tasks;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Duration elapsed() {
        return elapsed;
    }

    public boolean cancelled() {
        return cancelled;
    }

    public List<String> workers() {
        return workers;
    }

    /** The record of the task called {@code name}. */
    public TaskResult task(String name) {
        TaskResult t = index().get(name);
        if (t == null) {
            throw new NoSuchElementException("no task '" + name + "' in this run");
        }
        return t;
    }

    /** The status of the task called {@code name}. */
    public TaskStatus status(String name) {
        return task(name).status();
    }

    /** The value of a task that succeeded; throws {@link IllegalStateException} naming the status otherwise. */
    @SuppressWarnings("unchecked")
    public <T> T value(TaskRef<T> ref) {
        TaskResult t = task(ref.name());
        if (t.status() != TaskStatus.SUCCEEDED) {
            throw new IllegalStateException("task '" + ref.name() + "' " + t.status()
                    + (t.error() != null ? ": " + t.error() : t.skipReason() != null ? ": " + t.skipReason() : ""), t.error());
        }
        return (T) t.value();
    }

    /** How many tasks ended in each status (every status present, possibly 0). */
    public Map<TaskStatus, Integer> counts() {
        Map<TaskStatus, Integer> m = new EnumMap<>(TaskStatus.class);
        for (TaskStatus s : TaskStatus.values()) {
            m.put(s, 0);
        }
        for (TaskResult t : tasks) {
            m.merge(t.status(), 1, Integer::sum);
        }
        return m;
    }

    /** Whether every task succeeded. */
    public boolean succeeded() {
        for (TaskResult t : tasks) {
            if (t.status() != TaskStatus.SUCCEEDED) {
                return false;
            }
        }
        return true;
    }

    /** The tasks with this status. */
    public List<TaskResult> withStatus(TaskStatus status) {
        return tasks.stream().filter(t -> t.status() == status).toList();
    }

    /** The run as JSON: run fields and one object per task (values as strings, errors as type and message). */
    public String toJson() {
        return RunResultJson.write(this);
    }
}
