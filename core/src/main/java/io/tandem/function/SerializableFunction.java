package io.tandem.function;

import io.tandem.function.SerializableCallable;
import java.io.Serializable;
import java.util.function.Function;

/**
 * A {@link Function} that can travel to a worker process; see {@link SerializableCallable}. Used by
 * {@link TaskPool#map}, {@link TaskPool#imap} and {@link TaskPool#imapUnordered} so the same lambda runs
 * on threads and on worker processes without casts.
 *
 * @param <T> the input type
 * @param <R> the result type
 */
@FunctionalInterface
public interface SerializableFunction<T, R> extends Function<T, R>, Serializable {
}
