package io.tandem.graph;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a task is retried: at most {@code maxAttempts} attempts in all, waiting {@code initialBackoff}
 * before the second, multiplied by {@code multiplier} each time up to {@code maxBackoff}, and only for
 * failures that are instances of one of {@code retryOn} (every exception by default).
 *
 * {@snippet :
 * Retry r = Retry.attempts(3).backoff(Duration.ofMillis(100), 2.0, Duration.ofSeconds(2)).retryOn(IOException.class);
 * }
 *
 * <p>Thread safety: immutable; the wither methods return new values.
 */
public record Retry(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff,
                    List<Class<? extends Throwable>> retryOn) implements Serializable {

    /** One attempt, no retry. */
    public static final Retry NONE = new Retry(1, Duration.ZERO, 1.0, Duration.ZERO, List.of(Throwable.class));

    public Retry {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1 (1 = no retry), got " + maxAttempts);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (initialBackoff.isNegative() || maxBackoff.isNegative()) {
            throw new IllegalArgumentException("backoff must not be negative");
        }
        if (!(multiplier >= 1.0)) {
            throw new IllegalArgumentException("multiplier must be >= 1, got " + multiplier);
        }
        retryOn = List.copyOf(retryOn);
        if (retryOn.isEmpty()) {
            throw new IllegalArgumentException("retryOn must name at least one exception type");
        }
    }

    /** {@code n} attempts in all, no backoff, retrying every exception. */
    public static Retry attempts(int n) {
        return new Retry(n, Duration.ZERO, 1.0, Duration.ZERO, List.of(Throwable.class));
    }

    /** The same policy with an exponential backoff. */
    public Retry backoff(Duration initial, double multiplier, Duration max) {
        return new Retry(maxAttempts, initial, multiplier, max, retryOn);
    }

    /** The same policy with a fixed backoff. */
    public Retry backoff(Duration fixed) {
        return new Retry(maxAttempts, fixed, 1.0, fixed, retryOn);
    }

    /** The same policy, retrying only failures of these types (and their subtypes). */
    @SafeVarargs
    public final Retry retryOn(Class<? extends Throwable>... types) {
        List<Class<? extends Throwable>> list = new java.util.ArrayList<>(types.length);
        for (Class<? extends Throwable> t : types) {
            list.add(Objects.requireNonNull(t, "retryOn type"));
        }
        return new Retry(maxAttempts, initialBackoff, multiplier, maxBackoff, list);
    }

    /** Whether a failure on attempt {@code attempt} (1-based) is retried. */
    public boolean shouldRetry(int attempt, Throwable error) {
        if (attempt >= maxAttempts) {
            return false;
        }
        for (Class<? extends Throwable> c : retryOn) {
            if (c.isInstance(error)) {
                return true;
            }
        }
        return false;
    }

    /** The wait before attempt {@code attempt + 1}. */
    public Duration delayAfter(int attempt) {
        if (initialBackoff.isZero()) {
            return Duration.ZERO;
        }
        double nanos = initialBackoff.toNanos() * Math.pow(multiplier, Math.max(0, attempt - 1));
        long capped = (long) Math.min(nanos, (double) Math.max(maxBackoff.toNanos(), initialBackoff.toNanos()));
        return Duration.ofNanos(capped);
    }
}
