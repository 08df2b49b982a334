package io.tandem.graph;

import java.io.Serializable;
import java.util.Objects;

/**
 * A typed handle on a task of a {@link TaskGraph}: pass it as a dependency, read the task's result
 * from a {@link TaskContext} or a {@link RunResult} with its static type.
 *
 * <p>Thread safety: an immutable value; any thread may use it.
 *
 * @param name the task's unique name in its graph
 * @param <T>  the type of the task's result
 */
public record TaskRef<T>(String name) implements Serializable {
    public TaskRef {
        Objects.requireNonNull(name, "name");
    }

    /** A handle on the task called {@code name} whose result the caller knows to be a {@code T}. */
    public static <T> TaskRef<T> of(String name) {
        return new TaskRef<>(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
