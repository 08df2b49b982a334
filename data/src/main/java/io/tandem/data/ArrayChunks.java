package io.tandem.data;

import io.tandem.Progress;
import io.tandem.TaskPool;
import io.tandem.function.SerializableFunction;
import io.tandem.process.SharedMemory;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * An array ({@code long[]}, {@code double[]} or the bytes of a {@link MemorySegment}) cut into
 * {@link ArrayChunk}s of equal length (the last may be shorter); see {@link Chunks} for map-reduce and the
 * concurrency contract.
 *
 * <p>On a pool of worker processes each {@code mapReduce}/{@code map} copies the array once, in bulk, into a
 * {@link SharedMemory} file (in {@code /dev/shm} where it exists) before the first task and deletes it when the
 * call returns or fails; tasks carry only its handle and their element range, so the data is copied once in
 * all, not once per chunk (Python pickles every chunk to its worker). Other pools read the array in place.
 * Closing an {@code ArrayChunks} does nothing: it holds no resource between calls.
 */
public final class ArrayChunks implements Chunks<ArrayChunk> {
    private final MemorySegment array;
    private final ArrayChunk.Kind kind;
    private final List<ArrayChunk> chunks;

    private ArrayChunks(MemorySegment array, ArrayChunk.Kind kind, List<ArrayChunk> chunks) {
        this.array = array;
        this.kind = kind;
        this.chunks = List.copyOf(chunks);
    }

    static ArrayChunks of(MemorySegment array, ValueLayout layout, int chunkLength) {
        Objects.requireNonNull(array, "array");
        ArrayChunk.Kind kind = ArrayChunk.Kind.of(layout);
        long elements = array.byteSize() / layout.byteSize();
        if (elements > Integer.MAX_VALUE * 64L) {
            throw new IllegalArgumentException("too many elements: " + elements);
        }
        long per = chunkLength > 0 ? chunkLength
                : Math.max(1, (elements + 4L * Runtime.getRuntime().availableProcessors() - 1)
                / (4L * Runtime.getRuntime().availableProcessors()));
        per = Math.min(per, Integer.MAX_VALUE / 8);
        List<ArrayChunk> out = new ArrayList<>();
        long bytes = layout.byteSize();
        for (long from = 0; from < elements || out.isEmpty(); from += per) {
            int len = (int) Math.min(per, elements - from);
            out.add(new ArrayChunk(kind, from, len, out.size(), null, array.asSlice(from * bytes, len * bytes)));
        }
        return new ArrayChunks(array, kind, out);
    }

    /** The number of elements of the whole array. */
    public long elements() {
        return array.byteSize() / kind.layout.byteSize();
    }

    @Override
    public List<ArrayChunk> list() {
        return chunks;
    }

    @Override
    public <R> R mapReduce(TaskPool pool, SerializableFunction<? super ArrayChunk, ? extends R> chunkFn,
                           BinaryOperator<R> combiner) {
        return mapReduce(pool, chunkFn, combiner, Progress.silent());
    }

    @Override
    public <R> R mapReduce(TaskPool pool, SerializableFunction<? super ArrayChunk, ? extends R> chunkFn,
                           BinaryOperator<R> combiner, Progress progress) {
        return run(pool, chunkFn, items -> ChunkRunner.reduce(pool, items, task(chunkFn), combiner, progress,
                ArrayChunk::length));
    }

    @Override
    public <R> List<R> map(TaskPool pool, SerializableFunction<? super ArrayChunk, ? extends R> chunkFn) {
        return run(pool, chunkFn, items -> ChunkRunner.map(pool, items, task(chunkFn)));
    }

    private <T> T run(TaskPool pool, Object chunkFn, Function<List<ArrayChunk>, T> body) {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(chunkFn, "chunkFn");
        if (!ChunkRunner.otherProcess(pool) || array.byteSize() == 0) {
            return body.apply(chunks);
        }
        try (SharedMemory copy = SharedMemory.create(array.byteSize())) {
            MemorySegment.copy(array, 0, copy.segment(), 0, array.byteSize());
            return body.apply(chunks.stream().map(c -> c.traveling(copy)).toList());
        }
    }

    private static <R> SerializableFunction<ArrayChunk, R> task(SerializableFunction<? super ArrayChunk, ? extends R> fn) {
        return c -> c.apply(fn);
    }

    /** Nothing to release: a shared copy lives only as long as the call that made it. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "ArrayChunks[" + elements() + " " + kind.name().toLowerCase(java.util.Locale.ROOT) + "s, "
                + chunks.size() + " chunks]";
    }
}
