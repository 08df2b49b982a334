package io.tandem.data;

import java.io.Serial;
import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;

/**
 * One aggregate of a {@link Frame#groupBy group-by}: {@link #count()}, or {@link #sum}, {@link #mean},
 * {@link #min}, {@link #max} of a numeric column. Its result column is named like {@code mean(temperature)}
 * unless renamed with {@link #as}. Immutable.
 */
public final class Agg implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    enum Kind { COUNT, SUM, MEAN, MIN, MAX }

    final Kind kind;
    final String column;
    final String name;

    private Agg(Kind kind, String column, String name) {
        this.kind = kind;
        this.column = column;
        this.name = name;
    }

    private static Agg of(Kind kind, String column) {
        Objects.requireNonNull(column, "column");
        return new Agg(kind, column, kind.name().toLowerCase(Locale.ROOT) + "(" + column + ")");
    }

    /** The number of rows of each group. */
    public static Agg count() {
        return new Agg(Kind.COUNT, null, "count");
    }

    /** The sum of {@code column} (a {@code long} column sums exactly). */
    public static Agg sum(String column) {
        return of(Kind.SUM, column);
    }

    /** The mean of {@code column}, a {@code double}. */
    public static Agg mean(String column) {
        return of(Kind.MEAN, column);
    }

    /** The smallest value of {@code column}. */
    public static Agg min(String column) {
        return of(Kind.MIN, column);
    }

    /** The largest value of {@code column}. */
    public static Agg max(String column) {
        return of(Kind.MAX, column);
    }

    /** The same aggregate with its result column named {@code name}. */
    public Agg as(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("an aggregate's name must be a non-empty string");
        }
        return new Agg(kind, column, name);
    }

    /** The result column's name. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
