package io.tandem.function;

import java.io.Serializable;

/**
 * A condition that may throw any exception and can travel to a worker process: skip conditions of graph
 * tasks, {@code RetryPolicy.retryIf}. Unlike {@link java.util.function.Predicate} its {@code test} may
 * throw checked exceptions (a condition that reads a file), so it is not a {@code Predicate}; whoever
 * evaluates it says what a throwing condition means (the graph fails the task; a retry policy does not
 * retry and keeps the condition's exception as suppressed on the failure).
 *
 * <p>Thread safety: as safe as the lambda it is.
 *
 * @param <T> the input type
 */
@FunctionalInterface
public interface SerializablePredicate<T> extends Serializable {

    /** Whether {@code t} meets this condition; any exception is the caller's to report. */
    boolean test(T t) throws Exception;
}
