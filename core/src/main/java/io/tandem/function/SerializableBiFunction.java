package io.tandem.function;

import java.io.Serializable;

/**
 * A function of two arguments that may throw any exception and can travel to a worker process (see
 * {@link SerializableFunction}): a task graph's step that combines two results. Unlike
 * {@link java.util.function.BiFunction} its {@code apply} may throw checked exceptions, which reach the
 * caller unwrapped as the task's failure.
 *
 * <p>Thread safety: as safe as the lambda it is.
 *
 * @param <A> the first input type
 * @param <B> the second input type
 * @param <R> the result type
 */
@FunctionalInterface
public interface SerializableBiFunction<A, B, R> extends Serializable {

    /** Applies this function to {@code a} and {@code b}; any exception is the caller's to report. */
    R apply(A a, B b) throws Exception;
}
