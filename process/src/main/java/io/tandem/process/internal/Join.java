package io.tandem.process.internal;

import java.time.Duration;

/** Waits, bounded, for a thread the pool started to end, keeping the caller's interrupt status. */
final class Join {
    private static final Duration BOUND = Duration.ofSeconds(10);

    private Join() {
    }

    /** Joins {@code t} (if not null) for at most 10 s; an interrupt does not cut the wait short but is restored. */
    static void quietly(Thread t) {
        if (t == null) {
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                t.join(BOUND);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
