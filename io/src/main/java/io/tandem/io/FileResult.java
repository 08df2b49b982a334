package io.tandem.io;

import io.tandem.Outcome;
import io.tandem.TandemException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * What happened to one file of a {@link ParallelFiles} batch: the file and core's {@link Outcome} of the
 * work on it. Every file of a batch gets one, so no error is lost.
 *
 * <ul>
 *   <li>{@link Outcome.Success}: the work returned {@link #value()}.
 *   <li>{@link Outcome.Failure}: it threw {@link #error()} (an {@link IOException}, typically).
 *   <li>{@link Outcome.Cancelled}: the caller was interrupted before this file was done.
 * </ul>
 *
 * {@snippet :
 * switch (r.outcome()) {
 *     case Outcome.Success<String> s -> use(r.path(), s.value());
 *     case Outcome.Failure<String> f -> log(r.path(), f.error());
 *     case Outcome.Cancelled<String> c -> { }
 * }
 * }
 *
 * <p>Thread safety: immutable (the value itself may not be).
 *
 * @param path    the file
 * @param outcome how the work on it ended
 * @param <T>     the value type
 */
public record FileResult<T>(Path path, Outcome<T> outcome) {

    public FileResult {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** Whether it succeeded. */
    public boolean ok() {
        return outcome.isSuccess();
    }

    /** The value, or {@code null} when it failed or was cancelled. */
    public T value() {
        return outcome instanceof Outcome.Success<T> s ? s.value() : null;
    }

    /**
     * Why it did not succeed: the exception the work threw, a {@link CancellationException} (made on each
     * call) when it was cancelled, or {@code null} when it succeeded.
     */
    public Throwable error() {
        return switch (outcome) {
            case Outcome.Success<T> s -> null;
            case Outcome.Failure<T> f -> f.error();
            case Outcome.Cancelled<T> c -> new CancellationException(path + ": cancelled before it was done");
        };
    }

    /**
     * The value, or throws: an {@link UncheckedIOException} for an I/O error, a
     * {@link CancellationException} when cancelled, else a {@link TandemException}; each names the file.
     */
    public T orThrow() {
        return switch (outcome) {
            case Outcome.Success<T> s -> s.value();
            case Outcome.Failure<T> f when f.error() instanceof IOException io ->
                    throw new UncheckedIOException(path + ": " + io.getMessage(), io);
            case Outcome.Failure<T> f -> throw new TandemException(path + ": " + f.error(), f.error());
            case Outcome.Cancelled<T> c -> throw new CancellationException(path + ": cancelled before it was done");
        };
    }
}
