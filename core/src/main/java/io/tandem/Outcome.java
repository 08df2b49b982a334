package io.tandem;

import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;

/**
 * How a finished task ended: {@link Success} with a value, {@link Failure} with an exception, or
 * {@link Cancelled}. {@code Tasks.settle} returns one per task, like Python's
 * {@code asyncio.gather(..., return_exceptions=True)}.
 *
 * {@snippet :
 * for (Outcome<String> o : Tasks.settle(tasks)) {
 *     switch (o) {
 *         case Outcome.Success<String> s -> use(s.value());
 *         case Outcome.Failure<String> f -> log(f.error());
 *         case Outcome.Cancelled<String> c -> { }
 *     }
 * }
 * }
 *
 * <p>Thread safety: immutable values.
 *
 * @param <T> the value type
 */
public sealed interface Outcome<T> {

    /** A task that returned {@code value} (which may be {@code null}). */
    record Success<T>(T value) implements Outcome<T> {
    }

    /** A task that threw {@code error}. */
    record Failure<T>(Throwable error) implements Outcome<T> {
        public Failure {
            Objects.requireNonNull(error, "error");
        }
    }

    /** A task that was cancelled before it produced a result. */
    record Cancelled<T>() implements Outcome<T> {
    }

    static <T> Outcome<T> success(T value) {
        return new Success<>(value);
    }

    static <T> Outcome<T> failure(Throwable error) {
        return new Failure<>(error);
    }

    static <T> Outcome<T> cancelled() {
        return new Cancelled<>();
    }

    default boolean isSuccess() {
        return this instanceof Success;
    }

    /**
     * The value, or throws: a {@link CompletionException} wrapping the failure, or a
     * {@link CancellationException}.
     */
    default T getOrThrow() {
        return switch (this) {
            case Success<T> s -> s.value();
            case Failure<T> f -> throw new CompletionException(f.error());
            case Cancelled<T> c -> throw new CancellationException("task was cancelled");
        };
    }
}
