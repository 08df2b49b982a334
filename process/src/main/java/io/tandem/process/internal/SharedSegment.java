package io.tandem.process.internal;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;

/**
 * One object's reference to a shared-memory mapping: the owner's (which unlinks the file on close) or an
 * attachment (which only drops its reference). {@link #memory(Object)} is the hot-path check: one
 * volatile read, then the mapped segment.
 */
public final class SharedSegment {
    private static final VarHandle CLOSED;

    static {
        try {
            CLOSED = MethodHandles.lookup().findVarHandle(SharedSegment.class, "closed", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Mapping mapping;
    private volatile boolean closed;

    private SharedSegment(Mapping mapping) {
        this.mapping = mapping;
    }

    /** A new zero-filled segment of {@code bytes} bytes, owned by the caller. */
    public static SharedSegment create(long bytes) {
        return new SharedSegment(Mapping.create(bytes));
    }

    /** Attaches the file at {@code path}, which must hold at least {@code minBytes}; {@code what} names it in errors. */
    public static SharedSegment attach(Path path, long minBytes, String what) {
        return new SharedSegment(Mapping.attach(path, minBytes, what));
    }

    /** The mapped memory, or {@link IllegalStateException} naming {@code user} once closed. */
    public MemorySegment memory(Object user) {
        if (closed) {
            throw new IllegalStateException(user + " is closed");
        }
        return mapping.segment;
    }

    public Path path() {
        return mapping.path;
    }

    public long size() {
        return mapping.segment.byteSize();
    }

    public boolean isOwner() {
        return mapping.owner;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Idempotent: the first call releases the mapping (and unlinks the file if this is the owner). */
    public void close() {
        if (CLOSED.compareAndSet(this, false, true)) {
            mapping.release();
        }
    }

    /** The directory new segments are created in. */
    public static Path directory() {
        return Mapping.dir();
    }

    /** How many distinct files this process has attached (not counting the ones it owns). */
    public static int attachedFiles() {
        return Mapping.attachedCount();
    }
}
