package io.tandem.data;

import io.tandem.function.SerializableFunction;
import io.tandem.process.SharedMemory;

import java.io.Serial;
import java.io.Serializable;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/**
 * A range of elements of an array, from {@link ArrayChunks}: {@link #length()} elements starting at element
 * {@link #from()} of the whole array. In the pool's own JVM it reads the caller's array in place; in a worker
 * process it reads a shared-memory copy that the worker attached for the call (only a handle and the range
 * travel). {@code getLong}/{@code longs} apply to arrays of {@code long}, {@code getDouble}/{@code doubles}
 * to arrays of {@code double}; {@link #segment()} is the raw bytes of the range for any of them.
 *
 * <p>Immutable; valid only inside the chunk function it was given to. Reads are plain (not volatile): the
 * array must not change while a map-reduce runs over it.
 */
public final class ArrayChunk implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The element type of the array a chunk comes from. */
    enum Kind {
        LONG(ValueLayout.JAVA_LONG), DOUBLE(ValueLayout.JAVA_DOUBLE), BYTE(ValueLayout.JAVA_BYTE);

        final ValueLayout layout;

        Kind(ValueLayout layout) {
            this.layout = layout;
        }

        static Kind of(ValueLayout layout) {
            for (Kind k : values()) {
                if (k.layout.equals(layout)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("no array chunk kind for " + layout);
        }
    }

    private final Kind kind;
    private final long from;
    private final int length;
    private final int index;
    /** Set when the chunk travels to another process: the shared copy of the whole array. */
    private final SharedMemory shared;
    private final transient MemorySegment segment;

    ArrayChunk(Kind kind, long from, int length, int index, SharedMemory shared, MemorySegment segment) {
        this.kind = kind;
        this.from = from;
        this.length = length;
        this.index = index;
        this.shared = shared;
        this.segment = segment;
    }

    /** The index, in the whole array, of this chunk's first element. */
    public long from() {
        return from;
    }

    /** The number of elements. */
    public int length() {
        return length;
    }

    /** The chunk's position among the array's chunks, from 0. */
    public int index() {
        return index;
    }

    /** The raw bytes of this chunk's elements. */
    public MemorySegment segment() {
        if (segment == null) {
            throw new IllegalStateException("array chunk " + index + " is not attached in this process: read it inside "
                    + "a chunk function (Chunks.mapReduce or map)");
        }
        return segment;
    }

    /** Element {@code i} of this chunk (0 = {@link #from()}) of an array of {@code long}. */
    public long getLong(int i) {
        require(Kind.LONG);
        return segment().getAtIndex(ValueLayout.JAVA_LONG, checkIndex(i));
    }

    /** Element {@code i} of this chunk of an array of {@code double}. */
    public double getDouble(int i) {
        require(Kind.DOUBLE);
        return segment().getAtIndex(ValueLayout.JAVA_DOUBLE, checkIndex(i));
    }

    /** This chunk's {@code long}s. */
    public LongStream longs() {
        require(Kind.LONG);
        MemorySegment s = segment();
        return IntStream.range(0, length).mapToLong(i -> s.getAtIndex(ValueLayout.JAVA_LONG, i));
    }

    /** This chunk's {@code double}s. */
    public DoubleStream doubles() {
        require(Kind.DOUBLE);
        MemorySegment s = segment();
        return IntStream.range(0, length).mapToDouble(i -> s.getAtIndex(ValueLayout.JAVA_DOUBLE, i));
    }

    /** A copy of this chunk's {@code long}s. */
    public long[] toLongArray() {
        require(Kind.LONG);
        return segment().toArray(ValueLayout.JAVA_LONG);
    }

    /** A copy of this chunk's {@code double}s. */
    public double[] toDoubleArray() {
        require(Kind.DOUBLE);
        return segment().toArray(ValueLayout.JAVA_DOUBLE);
    }

    private long checkIndex(int i) {
        if (i < 0 || i >= length) {
            throw new IndexOutOfBoundsException("index " + i + " out of bounds for chunk length " + length);
        }
        return i;
    }

    private void require(Kind k) {
        if (kind != k) {
            throw new IllegalStateException("this chunk holds " + kind.name().toLowerCase(java.util.Locale.ROOT)
                    + " elements, not " + k.name().toLowerCase(java.util.Locale.ROOT) + "s");
        }
    }

    /** Runs {@code fn}, attaching the shared copy first where the chunk arrived without its bytes (a worker process). */
    <R> R apply(SerializableFunction<? super ArrayChunk, ? extends R> fn) throws Exception {
        if (segment != null) {
            return fn.apply(this);
        }
        if (shared == null) { // an empty array
            return fn.apply(new ArrayChunk(kind, from, 0, index, null, MemorySegment.ofArray(new byte[0])));
        }
        try {
            long bytes = kind.layout.byteSize();
            return fn.apply(new ArrayChunk(kind, from, length, index, null,
                    shared.segment().asSlice(from * bytes, length * bytes)));
        } finally {
            shared.close(); // a decoded copy only unmaps; the owner deletes the file
        }
    }

    ArrayChunk traveling(SharedMemory copy) {
        return new ArrayChunk(kind, from, length, index, length == 0 ? null : copy, null);
    }

    @Override
    public String toString() {
        return "ArrayChunk[" + index + ": " + kind.name().toLowerCase(java.util.Locale.ROOT) + "s " + from + ".."
                + (from + length) + ")";
    }
}
