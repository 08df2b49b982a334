package io.tandem.data;

/**
 * One row of a {@link Frame}, as a {@link Frame#filter filter} predicate sees it. A cursor: valid only
 * during the call it is passed to, and not to be kept.
 */
public interface Row {
    /** The value of {@code column}, a {@code LONG} column. */
    long getLong(String column);

    /** The value of {@code column}, a {@code DOUBLE} column (a {@code LONG} column's value is widened). */
    double getDouble(String column);

    /** The value of {@code column}, a {@code STRING} column. */
    String getString(String column);
}
