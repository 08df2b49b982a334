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
    private static final ThreadLocal<WorkerInfo> PLATFORM = new ThreadLocal<>();

    /** A thread as a worker: its name; every virtual thread is one worker, "virtual" (observers split it into lanes). */
    static WorkerInfo worker(Thread t) {
        if (t.isVirtual()) {
            return VIRTUAL;
        }
        WorkerInfo w = PLATFORM.get();
        String name = t.getName();
        if (w == null || (w.id() != name && !w.id().equals(name))) {
            w = new WorkerInfo(name, -1, "localhost");
            PLATFORM.set(w);
        }
        return w;
    }
}
