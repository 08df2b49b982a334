package io.tandem;

import java.io.Serial;

/**
 * The first failure of a {@code map}, {@code imap} or {@code imapUnordered} call: which item failed
 * (its index in the input) and why (the cause). When {@code map} throws it, every other item's work has
 * been cancelled.
 *
 * <p>Thread safety: immutable.
 */
public final class ItemFailedException extends TandemException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final long index;

    public ItemFailedException(long index, Throwable cause) {
        super("item " + index + " failed: " + cause, cause);
        this.index = index;
    }

    /** The zero-based position of the failed item in the input. */
    public long index() {
        return index;
    }
}
