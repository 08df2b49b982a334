package io.tandem;

import io.tandem.spi.TaskHandle;

/**
 * A pool's progress bar as a subscriber of its task events ({@code Pools.Builder.progress}): the total grows
 * when a task is submitted and the count when it is done, whatever its outcome. The same events, through
 * the same listener interface, that a {@link Monitor} records; this one hears only its own pool, and hears
 * it whether or not anyone observes the JVM's pools.
 *
 * <p>Concurrency: called from any thread, concurrently; {@link Progress} is thread-safe.
 */
final class ProgressListener implements CorePool.TaskRecorder {
    private final Progress progress;

    ProgressListener(Progress progress) {
        this.progress = progress;
    }

    @Override
    public void taskSubmitted(TaskPool pool, TaskHandle<?> task) {
        progress.addTotal(1);
    }

    @Override
    public void taskEnded(CorePool pool, TaskImpl<?> task) {
        progress.step();
    }

    @Override
    public void taskDone(TaskPool pool, TaskHandle<?> task, Outcome<?> outcome) {
        progress.step();
    }
}
