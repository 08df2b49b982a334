package io.tandem;

import io.tandem.function.SerializablePredicate;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When and after how long a failed attempt is tried again: the one retry policy of Tandem, used by
 * {@code TaskGraph} tasks, {@code Fetch} requests and {@code ProcessPool} tasks whose worker died.
 *
 * <p>A policy allows at most {@link #maxAttempts()} attempts in all. After attempt {@code n} fails with
 * an error that {@linkplain #retryOn(Class[]) its types} and {@linkplain #retryIf(SerializablePredicate)
 * its predicate} accept, it waits {@code initialBackoff * multiplier^(n-1)}, capped at {@code maxBackoff},
 * and shortened at random by up to {@link #jitter()} of itself (so many clients that failed together do
 * not retry together). A server that says how long to wait ({@code Retry-After}) is obeyed instead, up to
 * {@link #maxRetryAfter()}; a longer request ends the retries ({@link #delayFor(int, Duration, RandomGenerator)}).
 *
 * {@snippet :
 * RetryPolicy p = RetryPolicy.attempts(4)
 *         .backoff(Duration.ofMillis(100), 2.0, Duration.ofSeconds(5))
 *         .jitter(0.5)
 *         .retryOn(IOException.class);
 * }
 *
 * <p>Concurrency: immutable and thread-safe; every {@code with}-style method returns a new policy. It is
 * {@link Serializable} (so it can travel with a task to a worker process) when its predicate is.
 */
public final class RetryPolicy implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** One attempt, no retry. */
    public static final RetryPolicy NONE = attempts(1);

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final double multiplier;
    private final Duration maxBackoff;
    private final double jitter;
    private final Duration maxRetryAfter;
    private final List<Class<? extends Throwable>> retryOn;
    private final SerializablePredicate<? super Throwable> retryIf;

    private RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff, double jitter,
                        Duration maxRetryAfter, List<Class<? extends Throwable>> retryOn,
                        SerializablePredicate<? super Throwable> retryIf) {
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.multiplier = multiplier;
        this.maxBackoff = maxBackoff;
        this.jitter = jitter;
        this.maxRetryAfter = maxRetryAfter;
        this.retryOn = List.copyOf(retryOn);
        this.retryIf = retryIf;
    }

    /** {@code n} attempts in all ({@code 1} = no retry), no backoff, retrying every exception. */
    public static RetryPolicy attempts(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("attempts must be at least 1 (1 = no retry), got " + n);
        }
        return new RetryPolicy(n, Duration.ZERO, 1.0, Duration.ZERO, 0.0, Duration.ofSeconds(30),
                List.of(Throwable.class), null);
    }

    /** {@code n} retries after the first attempt ({@code 0} = no retry): {@code attempts(n + 1)}. */
    public static RetryPolicy retries(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("retries must be 0 or more, got " + n);
        }
        return attempts(n + 1);
    }

    /** The same policy (backoff, jitter, types, predicate) allowing {@code n} attempts in all. */
    public RetryPolicy withAttempts(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("attempts must be at least 1 (1 = no retry), got " + n);
        }
        return new RetryPolicy(n, initialBackoff, multiplier, maxBackoff, jitter, maxRetryAfter, retryOn, retryIf);
    }

    /** The same policy allowing {@code n} retries after the first attempt: {@code withAttempts(n + 1)}. */
    public RetryPolicy withRetries(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("retries must be 0 or more, got " + n);
        }
        return withAttempts(n + 1);
    }

    /** The same policy waiting {@code fixed} before every retry. */
    public RetryPolicy backoff(Duration fixed) {
        return backoff(fixed, 1.0, fixed);
    }

    /**
     * The same policy with an exponential backoff: {@code initial} before the second attempt, multiplied
     * by {@code multiplier} each time, never more than {@code max}.
     */
    public RetryPolicy backoff(Duration initial, double multiplier, Duration max) {
        Objects.requireNonNull(initial, "initial backoff");
        Objects.requireNonNull(max, "max backoff");
        if (initial.isNegative() || max.isNegative()) {
            throw new IllegalArgumentException("backoff must not be negative, got " + initial + " and " + max);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max backoff (" + max + ") must not be less than the initial one (" + initial + ")");
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("backoff multiplier must be a finite number >= 1, got " + multiplier);
        }
        return new RetryPolicy(maxAttempts, initial, multiplier, max, jitter, maxRetryAfter, retryOn, retryIf);
    }

    /**
     * The same policy with each delay shortened at random by up to {@code fraction} of itself: {@code 0}
     * (the default) waits exactly the backoff, {@code 0.5} waits between half of it and all of it ("equal
     * jitter"), {@code 1} anywhere from zero to all of it ("full jitter").
     */
    public RetryPolicy jitter(double fraction) {
        if (!(fraction >= 0.0 && fraction <= 1.0)) {
            throw new IllegalArgumentException("jitter must be between 0 and 1, got " + fraction);
        }
        return new RetryPolicy(maxAttempts, initialBackoff, multiplier, maxBackoff, fraction, maxRetryAfter, retryOn, retryIf);
    }

    /**
     * The same policy honouring a server's {@code Retry-After} up to {@code max} (default 30 s); a server
     * that asks for longer gets no retry.
     */
    public RetryPolicy maxRetryAfter(Duration max) {
        Objects.requireNonNull(max, "maxRetryAfter");
        if (max.isNegative()) {
            throw new IllegalArgumentException("maxRetryAfter must not be negative, got " + max);
        }
        return new RetryPolicy(maxAttempts, initialBackoff, multiplier, maxBackoff, jitter, max, retryOn, retryIf);
    }

    /** The same policy, retrying only failures of these types (and their subtypes). */
    @SafeVarargs
    public final RetryPolicy retryOn(Class<? extends Throwable>... types) {
        List<Class<? extends Throwable>> list = new ArrayList<>(types.length);
        for (Class<? extends Throwable> t : types) {
            list.add(Objects.requireNonNull(t, "retryOn type"));
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("retryOn must name at least one exception type");
        }
        return new RetryPolicy(maxAttempts, initialBackoff, multiplier, maxBackoff, jitter, maxRetryAfter, list, retryIf);
    }

    /**
     * The same policy, retrying only failures this predicate accepts (in addition to the
     * {@linkplain #retryOn(Class[]) types}); for a decision a type cannot express, such as an HTTP status.
     * A predicate that throws means "do not retry"; what it threw is added to the failure as suppressed.
     */
    public RetryPolicy retryIf(SerializablePredicate<? super Throwable> predicate) {
        Objects.requireNonNull(predicate, "retryIf predicate");
        return new RetryPolicy(maxAttempts, initialBackoff, multiplier, maxBackoff, jitter, maxRetryAfter, retryOn, predicate);
    }

    /** How many attempts in all ({@code 1} = no retry). */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** How many retries after the first attempt: {@code maxAttempts() - 1}. */
    public int maxRetries() {
        return maxAttempts - 1;
    }

    public Duration initialBackoff() {
        return initialBackoff;
    }

    public double multiplier() {
        return multiplier;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    public double jitter() {
        return jitter;
    }

    public Duration maxRetryAfter() {
        return maxRetryAfter;
    }

    /** The exception types retried (with their subtypes). */
    public List<Class<? extends Throwable>> retriedTypes() {
        return retryOn;
    }

    /** Whether a failure of attempt {@code attempt} (1-based) with {@code error} gets another attempt. */
    public boolean shouldRetry(int attempt, Throwable error) {
        return attempt < maxAttempts && isRetryable(error);
    }

    /** Whether {@code error} is of a kind this policy retries, whatever the attempt count. */
    public boolean isRetryable(Throwable error) {
        Objects.requireNonNull(error, "error");
        if (retryIf != null && !retryIfHolds(error)) {
            return false;
        }
        for (Class<? extends Throwable> c : retryOn) {
            if (c.isInstance(error)) {
                return true;
            }
        }
        return false;
    }

    /** A condition that throws does not retry; its exception stays on {@code error} as suppressed, so it is not lost. */
    private boolean retryIfHolds(Throwable error) {
        try {
            return retryIf.test(error);
        } catch (Exception e) {
            if (e != error) {
                error.addSuppressed(e);
            }
            return false;
        }
    }

    /** The backoff before attempt {@code attempt + 1}, without jitter. */
    public Duration delayAfter(int attempt) {
        if (initialBackoff.isZero()) {
            return Duration.ZERO;
        }
        double nanos = initialBackoff.toNanos() * Math.pow(multiplier, Math.max(0, attempt - 1));
        return Duration.ofNanos((long) Math.min(nanos, (double) maxBackoff.toNanos()));
    }

    /** The backoff before attempt {@code attempt + 1}, shortened at random by up to {@link #jitter()}. */
    public Duration delayAfter(int attempt, RandomGenerator random) {
        Duration d = delayAfter(attempt);
        if (jitter == 0.0 || d.isZero()) {
            return d;
        }
        long nanos = d.toNanos();
        long cut = (long) (nanos * jitter * random.nextDouble());
        return Duration.ofNanos(nanos - cut);
    }

    /**
     * The wait before attempt {@code attempt + 1} when the other side asked for {@code requested}
     * ({@code null} when it did not): the request if it is at most {@link #maxRetryAfter()}, empty (do
     * not retry) if it is longer, the jittered backoff if there was none.
     */
    public Optional<Duration> delayFor(int attempt, Duration requested, RandomGenerator random) {
        if (requested == null) {
            return Optional.of(delayAfter(attempt, random));
        }
        Duration r = requested.isNegative() ? Duration.ZERO : requested;
        return r.compareTo(maxRetryAfter) <= 0 ? Optional.of(r) : Optional.empty();
    }

    @Override
    public String toString() {
        return "RetryPolicy[attempts " + maxAttempts
                + (initialBackoff.isZero() ? "" : ", backoff " + initialBackoff + " x" + multiplier + " up to " + maxBackoff)
                + (jitter == 0 ? "" : ", jitter " + jitter)
                + ", on " + retryOn.stream().map(Class::getSimpleName).toList()
                + (retryIf == null ? "" : ", if " + retryIf) + "]";
    }
}
