package io.tandem;

import io.tandem.function.SerializableCallable;
import io.tandem.function.SerializableFunction;
import io.tandem.function.SerializableRunnable;
import io.tandem.spi.Capability;

import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;

/**
 * A pool that runs tasks: Python's {@code ThreadPoolExecutor} / {@code multiprocessing.Pool} in one
 * interface, and an {@link ExecutorService} so it fits wherever the JDK expects one. Create pools with
 * {@code Pools} (threads, virtual threads, the caller's thread) or, for worker processes, with the
 * process module; every kind passes the same conformance suite.
 *
 * <h2>Submitting</h2>
 * {@link #submit(SerializableCallable)} returns a {@link Task}. Lambdas passed to this interface are
 * serializable functional types, so the same code runs on worker processes without casts, and they may
 * throw checked exceptions, so I/O needs no wrapper: what a task throws is the cause of the
 * {@code ExecutionException} from {@code get()} (the {@code CompletionException} from {@code join()}), and
 * what a map function throws is the cause of the {@link ItemFailedException} that names the item.
 *
 * {@snippet :
 * Task<String> page = pool.submit(() -> Files.readString(path));          // throws IOException: fine
 * Task<Void> gone = pool.submit(() -> Files.delete(path));               // ... also when it returns nothing
 * Task<Void> inc = pool.submit(() -> increment(counter));                 // a void method
 * List<Integer> squares = pool.map(x -> x * x, numbers);
 * List<String> texts = pool.map(Files::readString, paths);
 * }
 * A lambda whose body returns a value goes to the {@link SerializableCallable} overload and keeps its
 * result; one that returns nothing goes to {@link SerializableRunnable}.
 *
 * <h2>Mapping</h2>
 * <ul>
 *   <li>{@link #map} returns results in input order. The first failing item fails the call with an
 *       {@link ItemFailedException} naming its index; the rest of the work is cancelled. Items are
 *       grouped into chunks automatically (about four chunks per worker) unless a chunk size is given.
 *   <li>{@link #imap} is lazy and ordered: it keeps a bounded number of chunks in flight (twice the
 *       pool's parallelism) and pulls more input only as results are consumed.
 *   <li>{@link #imapUnordered} is the same, but yields results as they complete.
 * </ul>
 * A lazy iterator that is abandoned should be closed ({@link MapIterator#close()}) to cancel the
 * chunks still in flight; exhausting it or failing closes it.
 *
 * <h2>Lifecycle</h2>
 * {@code shutdown()} stops accepting work; {@link #close()} also waits for everything submitted to
 * finish; {@code shutdownNow()} cancels pending tasks and interrupts running ones. Submitting after
 * {@code shutdown} throws {@link PoolClosedException}. A failed task nobody observed is reported to the
 * pool's uncaught-failure handler at close at the latest.
 *
 * <h2>Thread safety</h2>
 * All methods may be called from any thread, including from tasks running in this pool. Submission
 * happens-before the task runs; the task's completion happens-before its result is returned.
 */
public interface TaskPool extends ExecutorService {

    /** The pool's name, used in thread names, task names and error messages. */
    String name();

    /** How many tasks this pool runs at the same time at most ({@code 1} for the direct pool). */
    int parallelism();

    /**
     * What this pool can do (tasks run in another process, on virtual threads, in the caller...): ask this
     * instead of testing a pool's class.
     */
    Set<Capability> capabilities();

    /** Submits {@code task}; the lambda overload that can also travel to worker processes. */
    <T> Task<T> submit(SerializableCallable<T> task);

    /** Submits {@code task} under {@code name} (shown in thread names while it runs and in errors). */
    <T> Task<T> submit(String name, SerializableCallable<T> task);

    /** Submits a {@link Callable} that need not be serializable; process pools reject those that are not. */
    @Override
    <T> Task<T> submit(Callable<T> task);

    /**
     * Submits {@code task}, which returns nothing and may throw checked exceptions (the task's failure,
     * unwrapped); its result is {@code null}.
     */
    Task<Void> submit(SerializableRunnable task);

    @Override
    Task<?> submit(Runnable task);

    @Override
    <T> Task<T> submit(Runnable task, T result);

    /**
     * Applies {@code fn} to every item and returns the results in input order; chunked automatically.
     *
     * @throws ItemFailedException the first failure, with the item's index and what {@code fn} threw
     *         (checked or not) as the cause; the rest is cancelled
     * @throws java.util.concurrent.CancellationException if the caller is interrupted (the flag is set again)
     */
    <T, R> List<R> map(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items);

    /** {@link #map(SerializableFunction, Iterable)} with an explicit chunk size ({@code 1} = one task per item). */
    <T, R> List<R> map(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items, int chunkSize);

    /** Lazy, ordered map with a bounded number of items in flight; chunk size 1. */
    <T, R> MapIterator<R> imap(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items);

    /** Lazy, ordered map with the given chunk size. */
    <T, R> MapIterator<R> imap(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items, int chunkSize);

    /** Lazy map that yields results in completion order; chunk size 1. */
    <T, R> MapIterator<R> imapUnordered(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items);

    /** Lazy map in completion order with the given chunk size. */
    <T, R> MapIterator<R> imapUnordered(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items, int chunkSize);

    /**
     * The iterator of a lazy map: {@code next()} blocks until the next result is ready and throws
     * {@link ItemFailedException} for a failed item (after which the iterator is closed). Not thread-safe:
     * one consumer thread at a time.
     *
     * @param <R> the result type
     */
    interface MapIterator<R> extends Iterator<R>, AutoCloseable {
        /** Cancels the work still in flight and stops pulling input. Idempotent. */
        @Override
        void close();
    }
}
