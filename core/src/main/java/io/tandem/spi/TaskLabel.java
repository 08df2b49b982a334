package io.tandem.spi;

/**
 * Implemented by submitted work that knows a better label for itself than its class (a task graph's
 * attempt says its task's name), for {@link TaskHandle#label()}: the key dashboards group progress by.
 *
 * <p>Concurrency: {@link #taskLabel()} may be called from any thread, must be cheap and must not block.
 */
public interface TaskLabel {
    /** The label; not null. */
    String taskLabel();
}
