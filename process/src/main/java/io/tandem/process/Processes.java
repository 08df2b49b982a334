package io.tandem.process;

import io.tandem.Pools;
import io.tandem.function.SerializableCallable;
import io.tandem.Task;
import io.tandem.TaskPool;

import java.util.concurrent.ExecutionException;

/**
 * Runs one function in a fresh JVM and waits for it: Python's {@code multiprocessing.Process(target=f)}
 * with {@code start()} and {@code join()}, with the result (or exception) coming back.
 *
 * {@snippet :
 * long n = Processes.run(() -> countPrimes(0, 2_000_000));
 * Task<Long> t = Processes.start(() -> countPrimes(0, 2_000_000));   // start(); ...; t.join()
 * }
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
     * {@code fn} (and kills the process if it does not stop). A function that cannot travel fails here.
     */
    public static <T> Task<T> start(SerializableCallable<T> fn) {
        ProcessPool pool = ProcessPool.builder().workers(1).name("process").build();
        Task<T> task;
        try {
            task = pool.submit(fn);
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

    /** Runs {@code fn} in a new worker JVM and returns its result. */
    public static <T> T run(SerializableCallable<T> fn) {
        try (ProcessPool pool = ProcessPool.builder().workers(1).name("process").build()) {
            return pool.submit(fn).join();
        }
    }
}
