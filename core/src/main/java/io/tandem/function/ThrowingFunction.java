package io.tandem.function;

import java.util.function.Function;

/**
 * A function of one argument that may throw a checked exception: the work of one item in a batch that
 * does I/O (a file's bytes, a row fetched for an id), where {@link Function} would force a try/catch
 * into every lambda. Batches that take one (for example {@code ParallelFiles.forEach} and
 * {@code Database.concurrently} in the io module) catch what it throws and report it per item.
 *
 * <p>Its no-argument sibling is the JDK's {@link java.util.concurrent.Callable}; use that where a
 * throwing supplier is wanted. Unlike the {@code Serializable*} types of this package it is not meant to
 * travel to a worker process.
 *
 * <p>Concurrency: a batch may call one instance from many threads at once, so an implementation must be
 * thread-safe when handed to such a batch; nothing here adds synchronisation.
 *
 * @param <T> the input type
 * @param <R> the result type
 */
@FunctionalInterface
public interface ThrowingFunction<T, R> {

    /** Applies this function to {@code t}; any exception is the caller's to report. */
    R apply(T t) throws Exception;
}
