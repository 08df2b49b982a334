package io.tandem.function;

/**
 * A function of one argument that may throw any exception: the work of one item where
 * {@link java.util.function.Function} would force a try/catch into every lambda that does I/O. What it
 * throws reaches whoever waits for the item, unwrapped: as the cause of an
 * {@link io.tandem.ItemFailedException} from a map, or reported per item by a batch such as
 * {@code ParallelFiles.forEach} and {@code Database.concurrently} in the io module.
 *
 * <p>This is the in-process form, for batches that never leave the JVM: what a lambda captures need not
 * be serializable. Its serializable subtype {@link SerializableFunction} is what pools take, since a
 * pool's tasks may run in a worker process; both declare the one method {@link #apply}. The no-argument
 * sibling is the JDK's {@link java.util.concurrent.Callable}.
 *
 * <p>Concurrency: a batch may call one instance from many threads at once, so an implementation handed
 * to such a batch must be thread-safe; nothing here adds synchronisation.
 *
 * @param <T> the input type
 * @param <R> the result type
 */
@FunctionalInterface
public interface ThrowingFunction<T, R> {

    /** Applies this function to {@code t}; any exception is the caller's to report. */
    R apply(T t) throws Exception;
}
