package io.tandem.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The JVM-wide set of {@link GraphObserver}s. With none registered a run reads one volatile field and
 * builds nothing for them.
 *
 * <p>Concurrency: thread-safe; an observer registered while a run is under way sees the runs started after
 * {@code register} returns.
 */
public final class GraphObservers {
    private static final CopyOnWriteArrayList<GraphObserver> OBSERVERS = new CopyOnWriteArrayList<>();
    private static volatile boolean any;

    private GraphObservers() {
    }

    /** Adds {@code observer}; closing the returned handle removes it. */
    public static AutoCloseable register(GraphObserver observer) {
        Objects.requireNonNull(observer, "observer");
        OBSERVERS.add(observer);
        any = true;
        return () -> {
            OBSERVERS.remove(observer);
            any = !OBSERVERS.isEmpty();
        };
    }

    /** Whether any observer is registered. */
    public static boolean any() {
        return any;
    }

    /** Tells every observer a run is starting; returns the listeners they want for it. For the scheduler. */
    public static List<Consumer<? super GraphEvent>> runStarting(List<GraphObserver.TaskShape> tasks) {
        List<Consumer<? super GraphEvent>> out = new ArrayList<>(2);
        for (GraphObserver o : OBSERVERS) {
            try {
                Consumer<? super GraphEvent> c = o.runStarting(tasks);
                if (c != null) {
                    out.add(c);
                }
            } catch (RuntimeException e) {
                System.getLogger("io.tandem.graph").log(System.Logger.Level.WARNING, "graph observer failed", e);
            }
        }
        return out;
    }
}
