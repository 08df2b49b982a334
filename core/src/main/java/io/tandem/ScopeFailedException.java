package io.tandem;

import java.io.Serial;
import java.util.List;

/**
 * Thrown by {@link Scope#join()} (or {@link Scope#close()} when nobody joined) when a forked task failed
 * or the scope's deadline passed. The first failure is the {@linkplain #getCause() cause}; every other
 * failure is attached as {@linkplain #getSuppressed() suppressed}, and {@link #failures()} lists them all
 * in the order they happened. A deadline shows up as a {@link java.util.concurrent.TimeoutException}.
 *
 * <p>Thread safety: immutable after construction.
 */
public final class ScopeFailedException extends TandemException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient List<Throwable> failures;

    public ScopeFailedException(String message, List<Throwable> failures) {
        super(message, failures.isEmpty() ? null : failures.getFirst());
        this.failures = List.copyOf(failures);
        for (int i = 1; i < this.failures.size(); i++) {
            addSuppressed(this.failures.get(i));
        }
    }

    /** Every failure, first one first. Never empty. */
    public List<Throwable> failures() {
        return failures == null ? List.of() : failures;
    }
}
