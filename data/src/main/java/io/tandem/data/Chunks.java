package io.tandem.data;

import io.tandem.Progress;
import io.tandem.TaskPool;
import io.tandem.function.SerializableFunction;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BinaryOperator;

/**
 * Big data cut into chunks that a pool processes in parallel, then combined: seed 004's "split a large
 * DataFrame into chunks, process each chunk in a {@code ProcessPoolExecutor}, combine the results", without
 * copying the data to the workers.
 *
 * {@snippet :
 * try (FileChunks chunks = Chunks.of(Path.of("measurements.txt"));
 *      TaskPool pool = Pools.threads()) {                    // or Pools.virtual(), or ProcessPool.create()
 *     long lines = chunks.mapReduce(pool, chunk -> Chunks.countLines(chunk), Long::sum);
 * }
 * }
 *
 * <ul>
 *   <li>{@link #of(Path)}: a file, memory-mapped (any size, also beyond 2 GB), cut into newline-aligned
 *       chunks ({@link FileChunk}). A worker process receives only the path and offsets and maps its range
 *       itself.
 *   <li>{@link #of(long[])}, {@link #of(double[])}, {@link #of(MemorySegment)}: an array cut into
 *       {@link ArrayChunk}s. Threads read the array in place; for worker processes it is copied once, in
 *       bulk, into shared memory (a {@code SharedMemory} file in {@code /dev/shm}, deleted when the call
 *       returns) and each task receives its handle and element range.
 * </ul>
 *
 * <p><b>Map-reduce.</b> {@link #mapReduce} applies the chunk function to every chunk on the pool (in
 * parallel, at most twice the pool's parallelism in flight) and folds the results with the combiner in
 * chunk order in the calling thread, as they arrive; the combiner need not be associative-safe for
 * concurrency (it never runs concurrently) nor serializable. There is always at least one chunk (an empty
 * file or array is one empty chunk), so the result is the chunk function's own answer for no data. The
 * first failing chunk fails the call and cancels the rest: a {@link MalformedRowException} is rethrown
 * as it is, anything else as the pool's {@link io.tandem.ItemFailedException} naming the chunk's index.
 * A {@link Progress} given to the four-argument form counts bytes (files) or elements (arrays) done.
 *
 * <p><b>Concurrency.</b> A {@code Chunks} is immutable and may be used by several threads and several
 * map-reduces at once. Closing it (unmapping a file) while a map-reduce runs makes that run fail with
 * {@link IllegalStateException}; it never crashes the JVM. The chunk function may run on any pool thread or
 * in another process; what it captures must be serializable for process pools.
 *
 * @param <C> the chunk type: {@link FileChunk} or {@link ArrayChunk}
 */
public sealed interface Chunks<C> extends AutoCloseable permits FileChunks, ArrayChunks {

    /**
     * The file at {@code path}, memory-mapped and cut into newline-aligned chunks: about four per core, and
     * no larger than 16 MB each, so a pool stays busy to the end.
     *
     * @throws IOException if the file cannot be opened or mapped
     */
    static FileChunks of(Path path) throws IOException {
        return FileChunks.open(path, 0);
    }

    /**
     * The file at {@code path} cut into about {@code count} newline-aligned chunks (fewer when lines are
     * longer than a chunk, or the file is small).
     *
     * @throws IllegalArgumentException if {@code count < 1}
     * @throws IOException if the file cannot be opened or mapped
     */
    static FileChunks of(Path path, int count) throws IOException {
        if (count < 1) {
            throw new IllegalArgumentException("chunk count must be >= 1, got " + count);
        }
        return FileChunks.open(path, count);
    }

    /** {@code values} in chunks (the array is read in place by threads; not copied). */
    static ArrayChunks of(long[] values) {
        return ArrayChunks.of(MemorySegment.ofArray(values), ValueLayout.JAVA_LONG, 0);
    }

    /** {@code values} in chunks of {@code chunkLength} elements (the last may be shorter). */
    static ArrayChunks of(long[] values, int chunkLength) {
        return ArrayChunks.of(MemorySegment.ofArray(values), ValueLayout.JAVA_LONG, checkLength(chunkLength));
    }

    /** {@code values} in chunks. */
    static ArrayChunks of(double[] values) {
        return ArrayChunks.of(MemorySegment.ofArray(values), ValueLayout.JAVA_DOUBLE, 0);
    }

    /** {@code values} in chunks of {@code chunkLength} elements (the last may be shorter). */
    static ArrayChunks of(double[] values, int chunkLength) {
        return ArrayChunks.of(MemorySegment.ofArray(values), ValueLayout.JAVA_DOUBLE, checkLength(chunkLength));
    }

    /**
     * The bytes of {@code segment} in chunks (elements of one byte: read them with any layout through
     * {@link ArrayChunk#segment()}). Worker processes get a shared-memory copy.
     */
    static ArrayChunks of(MemorySegment segment) {
        return ArrayChunks.of(segment, ValueLayout.JAVA_BYTE, 0);
    }

    /** How many {@code '\n'} a file chunk holds: its number of lines, counting a last line without one. */
    static long countLines(FileChunk chunk) {
        MemorySegment s = chunk.segment();
        long n = Bytes.count(s, (byte) '\n', 0, s.byteSize());
        return s.byteSize() > 0 && s.get(ValueLayout.JAVA_BYTE, s.byteSize() - 1) != '\n' ? n + 1 : n;
    }

    /** The chunks, in order (at least one). */
    List<C> list();

    /** How many chunks. */
    default int count() {
        return list().size();
    }

    /**
     * Applies {@code chunkFn} to every chunk on {@code pool} and combines the results in chunk order.
     *
     * @throws MalformedRowException if the chunk function threw one
     * @throws io.tandem.ItemFailedException for any other failure, naming the chunk's index
     */
    <R> R mapReduce(TaskPool pool, SerializableFunction<? super C, ? extends R> chunkFn, BinaryOperator<R> combiner);

    /** {@link #mapReduce(TaskPool, SerializableFunction, BinaryOperator)}, reporting bytes or elements done to {@code progress}. */
    <R> R mapReduce(TaskPool pool, SerializableFunction<? super C, ? extends R> chunkFn, BinaryOperator<R> combiner,
                    Progress progress);

    /** Applies {@code chunkFn} to every chunk on {@code pool}; the results in chunk order. */
    <R> List<R> map(TaskPool pool, SerializableFunction<? super C, ? extends R> chunkFn);

    /** Releases the mapping (files); idempotent. */
    @Override
    void close();

    private static int checkLength(int chunkLength) {
        if (chunkLength < 1) {
            throw new IllegalArgumentException("chunk length must be >= 1 element, got " + chunkLength);
        }
        return chunkLength;
    }
}
