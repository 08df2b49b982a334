package io.tandem.process;

import io.tandem.process.internal.SharedSegment;

import java.io.Serial;
import java.io.Serializable;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * The base of every shared type: a view of one kind over one {@link SharedSegment}, which owns the mapping
 * and its life cycle. This class gives every view the same path, close, handle and {@code toString}; the
 * subclasses only say what the bytes mean. See {@link SharedMemory} for the backing file, the life cycle,
 * how handles travel, and what a JVM killed with SIGKILL leaves (a later JVM sweeps it).
 *
 * <p>Thread-safe: the fields are final and the segment's closed flag is volatile.
 */
abstract sealed class SharedObject implements AutoCloseable, Serializable
        permits SharedMemory, SharedLock, SharedCells {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient SharedKind kind;
    private final transient SharedSegment segment;
    private final transient long length;

    SharedObject(SharedKind kind, SharedSegment segment, long length) {
        this.kind = kind;
        this.segment = segment;
        this.length = length;
    }

    /** The mapped memory, or {@link IllegalStateException} naming this object once it is closed. */
    final MemorySegment memory() {
        return segment.memory(this);
    }

    /** The segment under this view (which other views, such as a value's lock, share). */
    final SharedSegment sharedSegment() {
        return segment;
    }

    /** The file behind this object. */
    public Path path() {
        return segment.path();
    }

    /** The owner deletes the shared memory; a copy detaches. Idempotent. */
    @Override
    public void close() {
        segment.close();
    }

    /** Travels as a handle that attaches the same file where it is decoded. */
    @Serial
    final Object writeReplace() {
        return new SharedHandle(kind, segment.path().toString(), length);
    }

    /** {@code Type[details, path]}; never reads the shared values. */
    @Override
    public String toString() {
        return kind.typeName + "[" + kind.details(length) + segment.path() + "]";
    }
}
