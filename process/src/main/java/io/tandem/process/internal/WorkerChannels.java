package io.tandem.process.internal;

import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/*
 * Worker side: what a worker's channel handles still owe the parent, settled at the end of every task
 * before its result is written, so that a task's result always arrives after its sends. Settling waits
 * until every SendWindow with items outstanding is confirmed (a refusal not yet reported fails the task
 * with it) and makes every Prefetching iterator that holds a batch give back what it did not hand out.
 * Also owns the linger thread that ships a window's first items if nothing else ships them sooner.
 *
 * Thread-safe: concurrent sets; a window or iterator registers itself when it starts owing something and
 * is removed when settled (it registers again if used after that, by a thread that outlived its task).
 */
final class WorkerChannels {
    /** How long a window's first item may wait for company before it is shipped alone. */
    static final long LINGER_NANOS = 30_000;

    private static final Set<SendWindow> SENDING = ConcurrentHashMap.newKeySet();
    private static final Set<Prefetching> LENDING = ConcurrentHashMap.newKeySet();

    private WorkerChannels() {
    }

    static void sending(SendWindow window) {
        SENDING.add(window);
    }

    static void lending(Prefetching iterator) {
        LENDING.add(iterator);
    }

    static void settled(Prefetching iterator) {
        LENDING.remove(iterator);
    }

    /** Ships {@code window}'s first item after {@link #LINGER_NANOS} unless something ships it sooner. */
    static void linger(SendWindow window) {
        Linger.QUEUE.add(window);
        LockSupport.unpark(Linger.THREAD);
    }

    /**
     * Runs a task, then settles its channel business. A refusal found while settling fails a task that
     * succeeded, and is attached as suppressed to a task's own failure.
     */
    static Object settleAfter(Callable<Object> task) throws Exception {
        Object value;
        try {
            value = task.call();
        } catch (Throwable t) {
            RuntimeException late = settle();
            if (late != null) {
                t.addSuppressed(late);
            }
            if (t instanceof Exception e) {
                throw e;
            }
            if (t instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(t);
        }
        RuntimeException late = settle();
        if (late != null) {
            throw late;
        }
        return value;
    }

    /** Waits for every window to be confirmed and makes every iterator give back; returns a refusal found, or null. */
    static RuntimeException settle() {
        if (SENDING.isEmpty() && LENDING.isEmpty()) {
            return null;
        }
        RuntimeException first = null;
        for (SendWindow w : SENDING) {
            SENDING.remove(w);
            try {
                w.drain(false, false, 0);
            } catch (InterruptedException impossible) {
                Thread.currentThread().interrupt();
            }
            RuntimeException refused = w.takeRefused();
            if (refused != null) {
                if (first == null) {
                    first = refused;
                } else {
                    first.addSuppressed(refused);
                }
            }
        }
        for (Prefetching it : LENDING) {
            LENDING.remove(it);
            try {
                it.giveBack();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        return first;
    }

    /** The linger thread, started by the first send that needs it. */
    private static final class Linger {
        static final ConcurrentLinkedQueue<SendWindow> QUEUE = new ConcurrentLinkedQueue<>();
        static final Thread THREAD = Thread.ofPlatform().name("tandem-channel-linger").daemon(true).start(Linger::run);

        private static void run() {
            while (true) {
                LockSupport.park();
                while (!QUEUE.isEmpty()) {
                    LockSupport.parkNanos(LINGER_NANOS);
                    SendWindow w;
                    while ((w = QUEUE.poll()) != null) {
                        w.lingerOver();
                    }
                }
            }
        }
    }
}
