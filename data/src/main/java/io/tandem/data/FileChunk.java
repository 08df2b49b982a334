package io.tandem.data;

import io.tandem.function.SerializableFunction;

import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One newline-aligned byte range of a file, from {@link FileChunks}: it starts at the file's start or just
 * after a {@code '\n'} and ends just after a {@code '\n'} or at the file's end, so no line is split between
 * chunks and no UTF-8 character either ({@code '\n'} never occurs inside a multi-byte UTF-8 sequence).
 *
 * <p>Inside a chunk function ({@link Chunks#mapReduce}) {@link #segment()} is the chunk's bytes, memory-mapped:
 * in the pool's own JVM a slice of the one mapping of the whole file, in a worker process a mapping the
 * worker makes of just this range, released when the function returns. Only the path and the offsets
 * travel to a worker; the bytes never do.
 *
 * <p>Immutable and thread-safe; the segment must not be used after the chunk function returns.
 */
public final class FileChunk implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String path;
    private final long offset;
    private final long length;
    private final int index;
    private final transient MemorySegment segment;

    FileChunk(Path path, long offset, long length, int index, MemorySegment segment) {
        this.path = path.toString();
        this.offset = offset;
        this.length = length;
        this.index = index;
        this.segment = segment;
    }

    /** The file. */
    public Path path() {
        return Path.of(path);
    }

    /** Where the chunk starts in the file, in bytes. */
    public long offset() {
        return offset;
    }

    /** The chunk's length in bytes (0 only for the one chunk of an empty file). */
    public long length() {
        return length;
    }

    /** The chunk's position among its file's chunks, from 0. */
    public int index() {
        return index;
    }

    /**
     * The chunk's bytes, memory-mapped and read-only.
     *
     * @throws IllegalStateException outside a chunk function in a process where the chunk is not mapped
     */
    public MemorySegment segment() {
        if (segment == null) {
            throw new IllegalStateException(this + " is not mapped in this process: read it inside a chunk function "
                    + "(Chunks.mapReduce or map), which maps it");
        }
        return segment;
    }

    /**
     * The 1-based line number, in the whole file, of the byte at {@code position} in this chunk. It counts
     * the newlines before it (a scan of the file up to there): meant for error messages, not per row.
     */
    public long lineNumberAt(long position) {
        long end = offset + Math.min(Math.max(position, 0), length);
        try (Arena arena = Arena.ofConfined(); FileChannel ch = FileChannel.open(path(), StandardOpenOption.READ)) {
            if (end == 0) {
                return 1;
            }
            return 1 + Bytes.count(ch.map(FileChannel.MapMode.READ_ONLY, 0, end, arena), (byte) '\n', 0, end);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " to count its lines", e);
        }
    }

    /** Runs {@code fn} on this chunk, mapping its bytes first where it arrived without them (a worker process). */
    <R> R apply(SerializableFunction<? super FileChunk, ? extends R> fn) throws Exception {
        if (segment != null || length == 0) {
            return fn.apply(segment != null ? this : withSegment(MemorySegment.ofArray(new byte[0])));
        }
        try (Arena arena = Arena.ofConfined(); FileChannel ch = FileChannel.open(path(), StandardOpenOption.READ)) {
            return fn.apply(withSegment(ch.map(FileChannel.MapMode.READ_ONLY, offset, length, arena)));
        }
    }

    FileChunk withSegment(MemorySegment seg) {
        return new FileChunk(Path.of(path), offset, length, index, seg);
    }

    FileChunk withoutSegment() {
        return segment == null ? this : new FileChunk(Path.of(path), offset, length, index, null);
    }

    /** {@code path[offset, end)}. */
    @Override
    public String toString() {
        return path + "[" + offset + ", " + (offset + length) + ")";
    }
}
