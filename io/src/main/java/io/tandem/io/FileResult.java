package io.tandem.io;

import java.nio.file.Path;

/**
 * What happened to one file of a {@link ParallelFiles} batch: its value, or the exception that ended it.
 * Every file of a batch gets one, so no error is lost.
 *
 * <p>Thread safety: immutable (the value itself may not be).
 *
 * @param path  the file
 * @param value the result for it ({@code null} when it failed)
 * @param error why it failed, or {@code null}
 * @param <T>   the value type
 */
public record FileResult<T>(Path path, T value, Exception error) {

    /** Whether it succeeded. */
    public boolean ok() {
        return error == null;
    }

    /**
     * The value, or throws a {@link java.io.UncheckedIOException} (for an I/O error) or a
     * {@link io.tandem.TandemException} naming the file.
     */
    public T orThrow() {
        if (error == null) {
            return value;
        }
        if (error instanceof java.io.IOException io) {
            throw new java.io.UncheckedIOException(path + ": " + io.getMessage(), io);
        }
        throw new io.tandem.TandemException(path + ": " + error, error);
    }
}
