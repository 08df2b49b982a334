package io.tandem.data;

/** The type of a {@link Frame} column. */
public enum ColumnType {
    /** 64-bit integers. */
    LONG,
    /** 64-bit floating point numbers. */
    DOUBLE,
    /** Text, dictionary-encoded: each distinct value is stored once, rows hold an {@code int} code. */
    STRING
}
