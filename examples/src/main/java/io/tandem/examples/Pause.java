package io.tandem.examples;

import java.util.concurrent.CancellationException;

/**
 * {@code time.sleep} for lambdas that may not throw checked exceptions: sleeps, and if interrupted
 * sets the interrupt flag again and throws {@link CancellationException}, so a cancelled task stops.
 */
final class Pause {
    private Pause() {
    }

    /** Sleeps {@code millis} milliseconds (the examples' stand-in for work or I/O). */
    static void millis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            CancellationException cancelled = new CancellationException("interrupted while sleeping");
            cancelled.initCause(e);
            throw cancelled;
        }
    }
}
