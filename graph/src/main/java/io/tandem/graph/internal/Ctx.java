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
    private final transient Engine engine;

    /*
     * In process, the context reads its dependencies' nodes directly (their results were set by the
     * scheduler before this task was submitted, which happens-before it runs); snapshot() copies them
     * into arrays for a worker process.
     */
    private final transient Node[] deps;

    Ctx(String name, int attempt, Node[] deps, Engine engine) {
        this.name = name;
        this.attempt = attempt;
        this.deps = deps;
        this.depNames = null;
        this.depValues = null;
        this.engine = engine;
    }

    private Ctx(String name, int attempt, String[] depNames, Object[] depValues) {
        this.name = name;
        this.attempt = attempt;
        this.deps = null;
        this.depNames = depNames;
        this.depValues = depValues;
        this.engine = null;
    }

    /** A copy that travels to a worker process: names and values, no engine. */
    Ctx snapshot() {
        int n = size();
        String[] names = new String[n];
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
            names[i] = nameAt(i);
            values[i] = valueAt(i);
        }
        return new Ctx(name, attempt, names, values);
    }

    private int size() {
        return deps != null ? deps.length : depNames.length;
    }

    private String nameAt(int i) {
        return deps != null ? deps[i].spec.name() : depNames[i];
    }

    private Object valueAt(int i) {
        return deps != null ? deps[i].value : depValues[i];
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
        int n = size();
        for (int i = 0; i < n; i++) {
            if (nameAt(i).equals(dep)) {
                return valueAt(i);
            }
        }
        throw new IllegalArgumentException("task '" + name + "' does not depend on '" + dep + "'; its dependencies: "
                + inputs().keySet() + " (add it with needs(...))");
    }

    @Override
    public Map<String, Object> inputs() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < size(); i++) {
            m.put(nameAt(i), valueAt(i));
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
