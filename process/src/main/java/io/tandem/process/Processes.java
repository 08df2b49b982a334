package io.tandem.process;

import io.tandem.SerializableCallable;
import io.tandem.Task;

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

    /** Starts {@code fn} in a new worker JVM; the returned task completes when it returns or fails. */
    public static <T> Task<T> start(SerializableCallable<T> fn) {
        ProcessPool pool = ProcessPool.builder().workers(1).name("process").build();
        Task<T> task;
        try {
            task = pool.submit(fn);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        pool.shutdown(); // the worker exits once the task is done; close() then has nothing to wait for
        return task;
    }

    /** Runs {@code fn} in a new worker JVM and returns its result. */
    public static <T> T run(SerializableCallable<T> fn) {
        try (ProcessPool pool = ProcessPool.builder().workers(1).name("process").build()) {
            return pool.submit(fn).join();
        }
    }
}
