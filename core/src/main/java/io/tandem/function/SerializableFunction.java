package io.tandem.function;

import java.io.Serializable;

/**
 * A {@link ThrowingFunction} that can travel to a worker process; see {@link SerializableCallable}. Used by
 * {@code TaskPool.map}, {@code imap} and {@code imapUnordered}, so the same lambda runs on threads and on
 * worker processes without casts, and a lambda that does I/O needs no wrapper:
 *
 * {@snippet :
 * List<String> pages = pool.map(path -> Files.readString(path), paths); // IOException is fine here
 * }
 *
 * <p>A checked exception thrown by {@link #apply} reaches the caller unwrapped as the cause of the
 * {@link io.tandem.ItemFailedException} that names the item's index. It is not a
 * {@link java.util.function.Function} (whose {@code apply} cannot throw); adapt one with
 * {@code function::apply}.
 *
 * <p>Thread safety: as safe as the lambda it is; a pool may call it from several threads at once.
 *
 * @param <T> the input type
 * @param <R> the result type
 */
@FunctionalInterface
public interface SerializableFunction<T, R> extends ThrowingFunction<T, R>, Serializable {
}
