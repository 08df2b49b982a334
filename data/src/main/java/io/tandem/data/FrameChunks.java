package io.tandem.data;

import io.tandem.TaskPool;
import io.tandem.function.SerializableFunction;

import java.util.List;
import java.util.Objects;

/**
 * A {@link Frame} in row chunks ({@link Frame#chunks(int)}): seed 004's
 * {@code [df[i:i+100000] for i in range(0, len(df), 100000)]}, mapped on a pool as
 * {@code executor.map(process_chunk, chunks)}.
 *
 * {@snippet :
 * List<Double> means = frame.chunks(100_000).map(pool, chunk -> chunk.column("A").mean());
 * }
 *
 * <p>On a pool of worker processes each chunk travels to its worker by copy (as pandas pickles each
 * slice); for big data prefer {@link Chunks}, which shares memory. Immutable.
 */
public final class FrameChunks {
    private final List<Frame> chunks;

    FrameChunks(List<Frame> chunks) {
        this.chunks = List.copyOf(chunks);
    }

    /** The chunks, in order. */
    public List<Frame> list() {
        return chunks;
    }

    /** How many chunks. */
    public int count() {
        return chunks.size();
    }

    /**
     * Applies {@code fn} to every chunk on {@code pool}; the results in chunk order.
     *
     * @throws io.tandem.ItemFailedException naming the chunk whose function failed
     */
    public <R> List<R> map(TaskPool pool, SerializableFunction<? super Frame, ? extends R> fn) {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(fn, "fn");
        return List.copyOf(pool.map(fn, chunks, 1));
    }
}
