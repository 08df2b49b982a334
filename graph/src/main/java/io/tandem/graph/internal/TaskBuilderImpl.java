package io.tandem.graph.internal;

import io.tandem.RetryPolicy;
import io.tandem.function.SerializableCallable;
import io.tandem.function.SerializableFunction;
import io.tandem.graph.GraphException;
import io.tandem.graph.RunOptions;
import io.tandem.function.SerializablePredicate;
import io.tandem.graph.TaskBuilder;
import io.tandem.graph.TaskContext;
import io.tandem.graph.TaskRef;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/** Collects one task's description and hands the finished {@link Spec} to its graph (or running engine). */
public final class TaskBuilderImpl implements TaskBuilder {
    private final String name;
    private final Consumer<Spec> sink;
    private final List<String> deps = new ArrayList<>(2);
    private int priority;
    private Map<String, Integer> resources;
    private RetryPolicy retry = RetryPolicy.NONE;
    private Duration timeout;
    private String pool = RunOptions.DEFAULT_POOL;
    private SerializablePredicate<TaskContext> skipIf;
    private boolean added;

    public TaskBuilderImpl(String name, Consumer<Spec> sink) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a task needs a non-blank name, got " + (name == null ? "null" : "'" + name + "'"));
        }
        this.name = name;
        this.sink = sink;
    }

    @Override
    public TaskBuilder needs(TaskRef<?>... refs) {
        for (TaskRef<?> r : refs) {
            deps.add(Objects.requireNonNull(r, "dependency of '" + name + "' is null").name());
        }
        return this;
    }

    @Override
    public TaskBuilder needs(Collection<? extends TaskRef<?>> refs) {
        for (TaskRef<?> r : refs) {
            deps.add(Objects.requireNonNull(r, "dependency of '" + name + "' is null").name());
        }
        return this;
    }

    @Override
    public TaskBuilder needs(String... names) {
        for (String n : names) {
            deps.add(Objects.requireNonNull(n, "dependency of '" + name + "' is null"));
        }
        return this;
    }

    @Override
    public TaskBuilder priority(int p) {
        this.priority = p;
        return this;
    }

    @Override
    public TaskBuilder resource(String resource, int units) {
        Objects.requireNonNull(resource, "resource name");
        if (units < 0) {
            throw new IllegalArgumentException("task '" + name + "': resource '" + resource + "' units must not be negative, got " + units);
        }
        if (resources == null) {
            resources = new LinkedHashMap<>(4);
        }
        resources.put(resource, units);
        return this;
    }

    @Override
    public TaskBuilder retry(RetryPolicy r) {
        this.retry = Objects.requireNonNull(r, "retry");
        return this;
    }

    @Override
    public TaskBuilder timeout(Duration t) {
        Objects.requireNonNull(t, "timeout");
        if (t.isNegative() || t.isZero()) {
            throw new IllegalArgumentException("task '" + name + "': timeout must be positive, got " + t);
        }
        this.timeout = t;
        return this;
    }

    @Override
    public TaskBuilder pool(String poolName) {
        this.pool = Objects.requireNonNull(poolName, "pool name");
        return this;
    }

    @Override
    public TaskBuilder skipIf(SerializablePredicate<TaskContext> condition) {
        this.skipIf = condition;
        return this;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> TaskRef<R> call(SerializableFunction<TaskContext, R> fn) {
        Objects.requireNonNull(fn, "task '" + name + "': function must not be null");
        if (added) {
            throw new IllegalStateException("task '" + name + "' was already added; start a new builder");
        }
        added = true;
        sink.accept(new Spec(name, List.copyOf(deps), priority, resources == null ? Map.of() : Map.copyOf(resources),
                retry, timeout, pool, skipIf, (SerializableFunction<TaskContext, Object>) (SerializableFunction<?, ?>) fn));
        return new TaskRef<>(name);
    }

    @Override
    public <R> TaskRef<R> call(SerializableCallable<R> fn) {
        Objects.requireNonNull(fn, "task '" + name + "': function must not be null");
        return call((SerializableFunction<TaskContext, R>) ctx -> fn.call());
    }

    static GraphException duplicate(String name) {
        return new GraphException(name, "duplicate task name; every task in a graph needs its own name");
    }
}
