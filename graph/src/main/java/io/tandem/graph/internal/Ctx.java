package io.tandem.graph.internal;

import io.tandem.graph.TaskBuilder;
import io.tandem.graph.TaskContext;
import io.tandem.graph.TaskRef;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One attempt's context; travels to worker processes without its engine. */
final class Ctx implements TaskContext, Serializable {
    private static final long serialVersionUID = 1L;
    private final String name;
    private final int attempt;
    private final String[] depNames;
    private final Object[] depValues;
    private transient Engine engine;

    Ctx(String name, int attempt, String[] depNames, Object[] depValues, Engine engine) {
        this.name = name;
        this.attempt = attempt;
        this.depNames = depNames;
        this.depValues = depValues;
        this.engine = engine;
    }

    @Override
    public String taskName() {
        return name;
    }

    @Override
    public int attempt() {
        return attempt;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T input(TaskRef<T> dep) {
        return (T) input(dep.name());
    }

    @Override
    public Object input(String dep) {
        for (int i = 0; i < depNames.length; i++) {
            if (depNames[i].equals(dep)) {
                return depValues[i];
            }
        }
        throw new IllegalArgumentException("task '" + name + "' does not depend on '" + dep + "'; its dependencies: "
                + java.util.Arrays.toString(depNames) + " (add it with needs(...))");
    }

    @Override
    public Map<String, Object> inputs() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < depNames.length; i++) {
            m.put(depNames[i], depValues[i]);
        }
        return Collections.unmodifiableMap(m);
    }

    @Override
    public TaskBuilder add(String taskName) {
        if (engine == null) {
            throw new UnsupportedOperationException("task '" + name + "' runs in a worker process and cannot add tasks; "
                    + "run the task that fans out on an in-process pool");
        }
        Engine e = engine;
        return new TaskBuilderImpl(taskName, spec -> e.addDynamic(spec, name));
    }

    @Override
    public boolean isCancelled() {
        return engine != null ? engine.isCancelled() : Thread.currentThread().isInterrupted();
    }
}
