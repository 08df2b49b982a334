package io.tandem;

import io.tandem.spi.MapChunk;
import io.tandem.spi.WorkerInfo;

/**
 * Labels for observers: the kind of work a task runs (from the class of what was submitted, computed once
 * per class) and the worker a thread of this JVM stands for. Used only while pools are observed.
 */
final class Labels {
    private static final ClassValue<String> BY_CLASS = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return label(type);
        }
    };

    private Labels() {
    }

    static String of(Class<?> type) {
        return BY_CLASS.get(type);
    }

    /** "map" for the chunks of a map, "Outer lambda" for a lambda, else the class's simple name. */
    static String label(Class<?> type) {
        if (MapChunk.class.isAssignableFrom(type)) {
            return "map";
        }
        String name = type.getName();
        int lambda = name.indexOf("$$Lambda");
        if (lambda >= 0) {
            String outer = name.substring(0, lambda);
            if (outer.equals(MapSupport.class.getName())) {
                return "map";
            }
            int dot = outer.lastIndexOf('.');
            return outer.substring(dot + 1).replace('$', '.') + " lambda";
        }
        String simple = type.getSimpleName();
        return simple.isEmpty() ? name.substring(name.lastIndexOf('.') + 1) : simple;
    }

    private static final WorkerInfo VIRTUAL = new WorkerInfo("virtual", -1, "localhost");
    // a pool's platform threads keep their names: one WorkerInfo each, not one per task
    private static final ThreadLocal<PlatformThread> PLATFORM = new ThreadLocal<>();

    /**
     * What observers keep per platform thread that runs tasks: its worker (touched only by its own thread)
     * and one recorder's per-thread state (the Monitor's untimed counts: set by its own thread, cleared by the
     * monitor when it closes).
     */
    static final class PlatformThread {
        final Thread thread;
        WorkerInfo worker;                // own thread only
        volatile RecorderSlot recorder;   // a monitor's state for this thread; cleared by the monitor at close

        PlatformThread(Thread thread) {
            this.thread = thread;
        }
    }

    /** A thread as a worker: its name; every virtual thread is one worker, "virtual" (observers split it into lanes). */
    static WorkerInfo worker(Thread t) {
        return t.isVirtual() ? VIRTUAL : platform(t).worker;
    }

    /** The calling platform thread's state, its worker up to date with its name. */
    static PlatformThread platform(Thread t) {
        PlatformThread p = PLATFORM.get();
        if (p == null) {
            p = new PlatformThread(t);
            PLATFORM.set(p);
        }
        String name = t.getName();
        if (p.worker == null || (p.worker.id() != name && !p.worker.id().equals(name))) {
            p.worker = new WorkerInfo(name, -1, "localhost");
        }
        return p;
    }
}
