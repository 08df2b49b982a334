package io.tandem.process;

import io.tandem.Pools;
import io.tandem.function.SerializableCallable;
import io.tandem.function.SerializableRunnable;
import io.tandem.Task;
import io.tandem.TaskPool;

import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * Runs one function in a fresh JVM and waits for it: Python's {@code multiprocessing.Process(target=f)}
 * with {@code start()} and {@code join()}, with the result (or exception) coming back.
 *
 * {@snippet :
 * long n = Processes.run(() -> countPrimes(0, 2_000_000));
 * Task<Long> t = Processes.start(() -> countPrimes(0, 2_000_000));   // start(); ...; t.join()
 * Task<Void> p = Processes.start(() -> increment(counter));           // a target that returns nothing
 * }
 *
 * <p>The function may throw checked exceptions; they reach the caller unwrapped as the cause of the
 * task's failure.
 *
 * <p>Thread safety: may be called from any thread; each call starts its own process, which exits when
 * the function returns.
 */
public final class Processes {
    private Processes() {
    }

    /** Waits for one-off processes on virtual threads; nothing to close (virtual threads hold no resources). */
    private static final TaskPool LAUNCHER = Pools.builder().name("processes").virtual();

    /**
     * Starts {@code fn} in a new worker JVM. The returned task completes when {@code fn} has returned or
     * failed <em>and</em> the process has exited, as {@code Process.join()} does; cancelling it interrupts
     * {@code fn} (and kills the process if it does not stop). What {@code fn} throws, checked or not, is the
     * task's failure. A function that cannot travel fails here.
     */
    public static <T> Task<T> start(SerializableCallable<T> fn) {
        Objects.requireNonNull(fn, "fn");
        return start(pool -> pool.submit(fn));
    }

    /**
     * Starts {@code target}, which returns nothing, in a new worker JVM: Python's
     * {@code Process(target=increment, args=(counter,)).start()} is {@code Processes.start(() -> increment(counter))}.
     * The returned task completes with {@code null} as {@link #start(SerializableCallable)} describes.
     */
    public static Task<Void> start(SerializableRunnable target) {
        Objects.requireNonNull(target, "target");
        return start(pool -> pool.submit(target));
    }

    private static <T> Task<T> start(Function<ProcessPool, Task<T>> submit) {
        ProcessPool pool = ProcessPool.builder().workers(1).name("process").build();
        Task<T> task;
        try {
            task = submit.apply(pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        pool.shutdown(); // the worker exits once the task is done
        return LAUNCHER.submit(() -> {
            try {
                return task.get();
            } catch (InterruptedException e) {
                task.cancel(true);
                throw e;
            } catch (ExecutionException e) {
                throw Processes.<RuntimeException>sneaky(e.getCause());
            } finally {
                pool.close(); // waits for the process to exit
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneaky(Throwable t) throws E {
        throw (E) t;
    }

    /**
     * Runs {@code fn} in a new worker JVM and returns its result.
     *
     * @throws java.util.concurrent.CompletionException with what {@code fn} threw as the cause
     */
    public static <T> T run(SerializableCallable<T> fn) {
        Objects.requireNonNull(fn, "fn");
        try (ProcessPool pool = ProcessPool.builder().workers(1).name("process").build()) {
            return pool.submit(fn).join();
        }
    }

    /**
     * Runs {@code target}, which returns nothing, in a new worker JVM and waits for it.
     *
     * @throws java.util.concurrent.CompletionException with what {@code target} threw as the cause
     */
    public static void run(SerializableRunnable target) {
        Objects.requireNonNull(target, "target");
        try (ProcessPool pool = ProcessPool.builder().workers(1).name("process").build()) {
            pool.submit(target).join();
        }
    }
}
