package io.tandem.data;

/** What a reader does with a malformed row. */
public enum OnMalformed {
    /** Throw a {@link MalformedRowException} naming the file, line and column (the default). */
    FAIL,
    /** Leave the row out and count it; the count is part of the result, so the omission is never silent. */
    SKIP
}
