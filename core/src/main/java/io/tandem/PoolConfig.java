package io.tandem;

import io.tandem.Progress;
import io.tandem.Task;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * A pool's frozen configuration, checked by {@link io.tandem.Pools.Builder}.
 *
 * @param name                   the pool's name
 * @param uncaughtFailureHandler receives failures nobody observed
 * @param progress               reported to on submit and completion, or {@code null}
 */
record PoolConfig(String name, BiConsumer<Task<?>, Throwable> uncaughtFailureHandler, Progress progress) {
    private static final Map<String, AtomicInteger> SEQUENCES = new ConcurrentHashMap<>();
    /** In a holder: setting up the JDK's logging costs a fresh JVM ~7 ms, and most programs never log here. */
    private static final class Log {
        static final System.Logger LOG = System.getLogger("io.tandem");
    }

    /** The default handler: logs at ERROR with the task's name. */
    public static final BiConsumer<Task<?>, Throwable> LOG_FAILURE = (task, error) ->
            Log.LOG.log(System.Logger.Level.ERROR, "uncaught failure in task " + (task == null ? "?" : task.name()), error);

    public static PoolConfig of(String kind, String name, BiConsumer<Task<?>, Throwable> handler, Progress progress) {
        String n = name != null ? name
                : kind + "-" + SEQUENCES.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
        return new PoolConfig(n, handler != null ? handler : LOG_FAILURE, progress);
    }
}
