package io.tandem.function;

import java.io.Serializable;
import java.util.concurrent.CompletionException;

/**
 * Work that returns nothing, may throw any exception and can travel to a worker process; see
 * {@link SerializableCallable}. Python's {@code Process(target=increment)}, whose target returns
 * {@code None}, ports as {@code Processes.start(() -> increment(counter))}; {@code pool.submit} takes the
 * same lambdas, also when their body throws a checked exception.
 *
 * <h2>Why it is a {@link Runnable} with another method</h2>
 * Lambdas implement {@link #runChecked()}, which may throw. The type still extends {@link Runnable}, so
 * that a lambda whose body is a statement ({@code () -> increment(counter)}) resolves to it rather than
 * to the {@code submit(Runnable)} that every {@link java.util.concurrent.ExecutorService} has: javac picks
 * the more specific of two applicable overloads, a subtype is more specific than its supertype, but two
 * unrelated {@code void} functional interfaces are ambiguous. (Between a value-returning and a
 * {@code void} interface javac prefers the value-returning one, so {@code () -> compute()} still goes to
 * the {@link SerializableCallable} overload and keeps its result.)
 *
 * <p>Pools call {@link #runChecked()}, so what it throws is the cause of the task's failure unwrapped.
 * Whoever runs it as a plain {@link Runnable} gets {@link #run()}, which rethrows unchecked exceptions and
 * errors as they are and wraps a checked one in a {@link CompletionException}.
 *
 * <p>Thread safety: as safe as the lambda it is.
 */
@FunctionalInterface
public interface SerializableRunnable extends Runnable, Serializable {

    /** Does the work; any exception is the caller's to report. */
    void runChecked() throws Exception;

    /**
     * Runs {@link #runChecked()} where only a {@link Runnable} fits.
     *
     * @throws CompletionException wrapping a checked exception thrown by {@link #runChecked()}
     */
    @Override
    default void run() {
        try {
            runChecked();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }
}
