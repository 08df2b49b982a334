package io.tandem.process;

import io.tandem.process.internal.SharedSegment;

import java.io.Serial;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * What a shared object becomes when it travels to another process: its kind, the path of its file and
 * its length (bytes for {@link SharedMemory}, elements for arrays). Decoding it attaches the file in the
 * receiving process; the same path decoded again there shares one mapping. Every shared type's
 * {@code writeReplace} returns one, so JDK serialization and Fory both send these few bytes, never memory.
 */
record SharedHandle(Kind kind, String path, long length) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    enum Kind { MEMORY, LONG, DOUBLE, LOCK, LONG_ARRAY, INT_ARRAY, DOUBLE_ARRAY }

    SharedHandle {
        if (kind == null || path == null || length < 0 || length > Integer.MAX_VALUE && kind != Kind.MEMORY) {
            throw new IllegalArgumentException("malformed shared-memory handle: " + kind + ", " + path + ", " + length);
        }
    }

    static SharedHandle of(Kind kind, SharedSegment segment, long length) {
        return new SharedHandle(kind, segment.path().toString(), length);
    }

    @Serial
    private Object readResolve() {
        Path p = Path.of(path);
        return switch (kind) {
            case MEMORY -> SharedMemory.attach(p);
            case LONG -> new SharedLong(attach(p, SharedLong.BYTES, "SharedLong"));
            case DOUBLE -> new SharedDouble(attach(p, SharedDouble.BYTES, "SharedDouble"));
            case LOCK -> new SharedLock(attach(p, SharedLock.BYTES, "SharedLock"), true);
            case LONG_ARRAY -> new SharedLongArray(attach(p, SharedLongArray.bytes(length), "SharedLongArray"), (int) length);
            case INT_ARRAY -> new SharedIntArray(attach(p, SharedIntArray.bytes(length), "SharedIntArray"), (int) length);
            case DOUBLE_ARRAY -> new SharedDoubleArray(attach(p, SharedDoubleArray.bytes(length), "SharedDoubleArray"), (int) length);
        };
    }

    private static SharedSegment attach(Path p, long bytes, String what) {
        return SharedSegment.attach(p, bytes, what);
    }
}
