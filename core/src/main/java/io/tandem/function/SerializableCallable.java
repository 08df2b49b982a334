package io.tandem.function;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A {@link Callable} that can travel to a worker process. Lambdas and method references passed where one
 * is expected are serializable automatically; what they capture must be serializable too, or a process
 * pool rejects the task at submission with a message that names the captured value.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface SerializableCallable<T> extends Callable<T>, Serializable {
}
