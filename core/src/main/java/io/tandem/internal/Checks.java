package io.tandem.internal;

import java.time.Duration;
import java.util.Objects;

/** Argument checks whose messages name the argument and the fix. */
public final class Checks {
    private Checks() {
    }

    public static int positive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
        return value;
    }

    /** The duration in nanoseconds, saturated at {@code Long.MAX_VALUE}; rejects null and negative. */
    public static long nonNegativeNanos(Duration d, String name) {
        Objects.requireNonNull(d, () -> name + " must not be null; use Duration.ZERO for no waiting");
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got " + d);
        }
        return saturatedNanos(d);
    }

    /** The duration in nanoseconds, saturated at {@code Long.MAX_VALUE}; rejects null, zero and negative. */
    public static long positiveNanos(Duration d, String name) {
        Objects.requireNonNull(d, () -> name + " must not be null");
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
        return saturatedNanos(d);
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** A short human form of a duration: {@code 2s}, {@code 1.5s}, {@code 150ms}, {@code 20µs}. */
    public static String human(Duration d) {
        if (d.compareTo(Duration.ofMillis(1)) < 0 && !d.isZero()) {
            return d.toNanos() / 1000 + "µs";
        }
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            return d.toMillis() + "ms";
        }
        if (d.toMillisPart() == 0) {
            return d.toSeconds() + "s";
        }
        return java.math.BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString() + "s";
    }
}
