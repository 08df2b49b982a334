package io.tandem.graph.internal;

import io.tandem.graph.GraphEvent;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Delivers a run's events to its listener: an event is built only when there is a listener, and a
 * listener that throws is logged, never allowed to break the scheduler.
 *
 * <p>Called by the scheduler loop, so the listener sees events one at a time, in order.
 */
final class Events {
    private final Consumer<? super GraphEvent> listener;

    Events(Consumer<? super GraphEvent> listener) {
        this.listener = listener;
    }

    /** The run's own listener and those the JVM-wide observers returned for this run, in that order. */
    static Events of(Consumer<? super GraphEvent> own, java.util.List<Consumer<? super GraphEvent>> observers) {
        if (observers.isEmpty()) {
            return new Events(own);
        }
        java.util.List<Consumer<? super GraphEvent>> all = new java.util.ArrayList<>(observers.size() + 1);
        if (own != null) {
            all.add(own);
        }
        all.addAll(observers);
        return new Events(e -> {
            for (Consumer<? super GraphEvent> c : all) {
                try {
                    c.accept(e);
                } catch (RuntimeException x) {
                    System.getLogger("io.tandem.graph").log(System.Logger.Level.WARNING, "graph event listener failed", x);
                }
            }
        });
    }

    /** Whether anyone listens (so the caller can skip work that only an event needs). */
    boolean wanted() {
        return listener != null;
    }

    void emit(Supplier<GraphEvent> event) {
        if (listener != null) {
            try {
                listener.accept(event.get());
            } catch (RuntimeException e) {
                System.getLogger("io.tandem.graph").log(System.Logger.Level.WARNING, "graph event listener failed", e);
            }
        }
    }
}
