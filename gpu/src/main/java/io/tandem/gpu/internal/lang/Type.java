package io.tandem.gpu.internal.lang;

/** The value types of the kernel language: the four element types and {@code bool} (comparisons only). */
public enum Type {
    BOOL("bool", 0, 0),
    INT32("int32", 4, 1),
    INT64("int64", 8, 2),
    FLOAT32("float32", 4, 3),
    FLOAT64("float64", 8, 4);

    private final String spelling;
    private final int bytes;
    private final int rank;

    Type(String spelling, int bytes, int rank) {
        this.spelling = spelling;
        this.bytes = bytes;
        this.rank = rank;
    }

    /** The name in kernel source, e.g. {@code float32}. */
    public String spelling() {
        return spelling;
    }

    public int bytes() {
        return bytes;
    }

    public boolean isFloat() {
        return this == FLOAT32 || this == FLOAT64;
    }

    public boolean isInt() {
        return this == INT32 || this == INT64;
    }

    public boolean isNumeric() {
        return this != BOOL;
    }

    /** The element type spelled {@code name}, or {@code null}. */
    public static Type byName(String name) {
        for (Type t : values()) {
            if (t != BOOL && t.spelling.equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** Whether a value of this type converts to {@code to} without a cast (Java's widening rules). */
    public boolean widensTo(Type to) {
        if (this == to) {
            return true;
        }
        if (this == BOOL || to == BOOL) {
            return false;
        }
        if (isInt() && to.isInt() || isFloat() && to.isFloat()) {
            return rank < to.rank;
        }
        return isInt() && to.isFloat();
    }

    /**
     * The common type of a binary operation: the wider of two ints or two floats; an int with a float is
     * the float, except int64 with float32, which is float64 (float32 cannot hold an int64's digits).
     */
    public static Type promote(Type a, Type b) {
        if (a == b) {
            return a;
        }
        if (a.isInt() && b.isInt() || a.isFloat() && b.isFloat()) {
            return a.rank > b.rank ? a : b;
        }
        Type f = a.isFloat() ? a : b;
        Type i = a.isFloat() ? b : a;
        return f == FLOAT32 && i == INT64 ? FLOAT64 : f;
    }
}
