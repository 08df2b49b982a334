package io.tandem.spi;

import io.tandem.ItemFailedException;
import io.tandem.function.SerializableCallable;
import io.tandem.function.SerializableFunction;

import java.io.Serial;
import java.io.Serializable;
import java.util.concurrent.CancellationException;

/**
 * One chunk of a {@code map}/{@code imap} on a pool whose tasks run elsewhere: the function, the chunk's
 * items and the index of its first item. A backend may send the function once and the items per chunk
 * (the process pool does); whoever runs the chunk calls {@link #call()}.
 *
 * <p>A chunk stops at its first failing item and returns the results before it with that failure
 * ({@link Result#failure()}), so an ordered iterator still yields the items before a failure.
 *
 * <p>Concurrency: an immutable record (its items array is not copied and must not be changed); {@code call}
 * may run on any thread and stops early when that thread is interrupted.
 *
 * @param fn         the map function
 * @param items      this chunk's items
 * @param firstIndex the index, in the whole input, of {@code items[0]}
 */
public record MapChunk<T, R>(SerializableFunction<? super T, ? extends R> fn, Object[] items, long firstIndex)
        implements SerializableCallable<MapChunk.Result> {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * What a chunk returns: the results of its first {@code count} items, and the failure of the next one
     * if there was one.
     */
    public record Result(Object[] values, int count, ItemFailedException failure) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    @Override
    public Result call() {
        Object[] out = new Object[items.length];
        int i = 0;
        try {
            for (; i < items.length; i++) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new CancellationException("chunk cancelled");
                }
                @SuppressWarnings("unchecked")
                T item = (T) items[i];
                out[i] = fn.apply(item);
            }
        } catch (CancellationException e) {
            throw e;
        } catch (Throwable e) {
            return new Result(out, i, new ItemFailedException(firstIndex + i, e));
        }
        return new Result(out, items.length, null);
    }
}
