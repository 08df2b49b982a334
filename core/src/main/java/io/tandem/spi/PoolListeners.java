package io.tandem.spi;

import java.util.Arrays;
import java.util.Objects;

/**
 * The JVM-wide set of {@link PoolListener}s. With none registered (the usual case) a pool's hot path reads
 * one volatile field and does nothing else.
 *
 * <p>Concurrency: thread-safe; registration is copy-on-write, so a listener added while tasks run sees
 * the events that happen after {@code register} returns.
 */
public final class PoolListeners {
    private static final PoolListener[] NONE = new PoolListener[0];
    private static volatile PoolListener[] listeners = NONE;

    private PoolListeners() {
    }

    /** Adds {@code listener}; closing the returned handle removes it. */
    public static AutoCloseable register(PoolListener listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (PoolListeners.class) {
            PoolListener[] a = Arrays.copyOf(listeners, listeners.length + 1);
            a[a.length - 1] = listener;
            listeners = a;
        }
        return () -> remove(listener);
    }

    private static void remove(PoolListener listener) {
        synchronized (PoolListeners.class) {
            PoolListener[] a = listeners;
            for (int i = 0; i < a.length; i++) {
                if (a[i] == listener) {
                    PoolListener[] b = new PoolListener[a.length - 1];
                    System.arraycopy(a, 0, b, 0, i);
                    System.arraycopy(a, i + 1, b, i, a.length - i - 1);
                    listeners = b;
                    return;
                }
            }
        }
    }

    /** The listeners now registered (an empty array when none); callers must not modify it. */
    public static PoolListener[] current() {
        return listeners;
    }
}
