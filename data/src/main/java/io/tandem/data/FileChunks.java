package io.tandem.data;

import io.tandem.Progress;
import io.tandem.TaskPool;
import io.tandem.function.SerializableFunction;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BinaryOperator;

/**
 * A file memory-mapped once and cut into newline-aligned {@link FileChunk}s; see {@link Chunks} for
 * map-reduce, failures and the concurrency contract. Nothing is read until a chunk is: the split reads
 * only the bytes from each cut point to the next {@code '\n'}.
 *
 * <p>Closing unmaps the file (worker processes map their own ranges and unmap them after each chunk).
 */
public final class FileChunks implements Chunks<FileChunk> {
    /** Chunks no larger than this keep a pool busy to the end and a worker's mapping small. */
    static final long MAX_CHUNK_BYTES = 16L << 20;
    /** Smaller chunks cost more in task overhead than they win in balance. */
    static final long MIN_CHUNK_BYTES = 256L << 10;

    private final Path path;
    private final Arena arena;
    private final MemorySegment whole;
    private final List<FileChunk> chunks;

    private FileChunks(Path path, Arena arena, MemorySegment whole, List<FileChunk> chunks) {
        this.path = path;
        this.arena = arena;
        this.whole = whole;
        this.chunks = List.copyOf(chunks);
    }

    static FileChunks open(Path path, int count) throws IOException {
        Objects.requireNonNull(path, "path");
        Arena arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            MemorySegment whole = size == 0 ? MemorySegment.ofArray(new byte[0])
                    : ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            int n = count > 0 ? count : defaultCount(size);
            return new FileChunks(path, arena, whole, split(path, whole, n));
        } catch (IOException | RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }

    static int defaultCount(long size) {
        long byCores = 4L * Runtime.getRuntime().availableProcessors();
        long bySize = (size + MAX_CHUNK_BYTES - 1) / MAX_CHUNK_BYTES;
        long n = Math.max(byCores, bySize);
        n = Math.min(n, Math.max(1, size / MIN_CHUNK_BYTES));
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, n));
    }

    /**
     * Cut points at {@code size * k / n}, each moved forward to just after the next {@code '\n'}; a chunk
     * a long line swallowed disappears. An empty file is one empty chunk.
     */
    static List<FileChunk> split(Path path, MemorySegment whole, int n) {
        long size = whole.byteSize();
        List<FileChunk> out = new ArrayList<>(n);
        long start = 0;
        for (int k = 1; k < n && start < size; k++) {
            long target = Math.max(start, size / n * k + size % n * k / n);
            long nl = target == 0 ? -1 : Bytes.indexOf(whole, (byte) '\n', target - 1);
            long end = nl < 0 ? size : nl + 1;
            if (end > start) {
                out.add(new FileChunk(path, start, end - start, out.size(), whole.asSlice(start, end - start)));
                start = end;
            }
        }
        if (start < size || out.isEmpty()) {
            out.add(new FileChunk(path, start, size - start, out.size(), whole.asSlice(start, size - start)));
        }
        return out;
    }

    /** The file. */
    public Path path() {
        return path;
    }

    /** The file's size in bytes when it was mapped. */
    public long size() {
        return whole.byteSize();
    }

    /** The whole file, mapped (valid until {@link #close()}). */
    public MemorySegment segment() {
        return whole;
    }

    @Override
    public List<FileChunk> list() {
        return chunks;
    }

    @Override
    public <R> R mapReduce(TaskPool pool, SerializableFunction<? super FileChunk, ? extends R> chunkFn,
                           BinaryOperator<R> combiner) {
        return mapReduce(pool, chunkFn, combiner, Progress.silent());
    }

    @Override
    public <R> R mapReduce(TaskPool pool, SerializableFunction<? super FileChunk, ? extends R> chunkFn,
                           BinaryOperator<R> combiner, Progress progress) {
        return ChunkRunner.reduce(pool, items(pool), task(chunkFn), combiner, progress, FileChunk::length);
    }

    @Override
    public <R> List<R> map(TaskPool pool, SerializableFunction<? super FileChunk, ? extends R> chunkFn) {
        return ChunkRunner.map(pool, items(pool), task(chunkFn));
    }

    /** {@link #map} over chunks of this file cut elsewhere (see {@link #cutAt}). */
    <R> List<R> map(TaskPool pool, List<FileChunk> custom, SerializableFunction<? super FileChunk, ? extends R> chunkFn) {
        Objects.requireNonNull(pool, "pool");
        List<FileChunk> items = ChunkRunner.otherProcess(pool) ? custom.stream().map(FileChunk::withoutSegment).toList() : custom;
        return ChunkRunner.map(pool, items, task(chunkFn));
    }

    /** This file cut at {@code starts} (ascending, the first 0): chunk k is {@code [starts[k], starts[k+1])}. */
    List<FileChunk> cutAt(List<Long> starts) {
        List<FileChunk> out = new ArrayList<>();
        long size = size();
        for (int k = 0; k < starts.size(); k++) {
            long from = starts.get(k);
            long to = k + 1 < starts.size() ? starts.get(k + 1) : size;
            if (to > from || size == 0 && out.isEmpty()) {
                out.add(new FileChunk(path, from, to - from, out.size(), whole.asSlice(from, to - from)));
            }
        }
        return out;
    }

    /** The chunks as they go to {@code pool}: with their mapping in this JVM, without it to another process. */
    private List<FileChunk> items(TaskPool pool) {
        Objects.requireNonNull(pool, "pool");
        return ChunkRunner.otherProcess(pool) ? chunks.stream().map(FileChunk::withoutSegment).toList() : chunks;
    }

    private static <R> SerializableFunction<FileChunk, R> task(SerializableFunction<? super FileChunk, ? extends R> fn) {
        Objects.requireNonNull(fn, "chunkFn");
        return c -> c.apply(fn);
    }

    /** Unmaps the file; idempotent. A chunk function still reading it fails with {@link IllegalStateException}. */
    @Override
    public void close() {
        if (arena.scope().isAlive()) {
            try {
                arena.close();
            } catch (IllegalStateException alreadyClosed) {
                // a concurrent close won the race
            }
        }
    }

    @Override
    public String toString() {
        return "FileChunks[" + path + ", " + size() + " bytes, " + chunks.size() + " chunks]";
    }
}
