package io.tandem.process;

import java.io.Serial;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * What a shared object becomes when it travels to another process: its kind, the path of its file and
 * its length (bytes for {@link SharedMemory}, elements for the typed views). Decoding it attaches the file
 * in the receiving process as the same kind of view; the same path decoded again there shares one
 * mapping. {@link SharedObject}'s {@code writeReplace} returns one, so JDK serialization and Fory both
 * send these few bytes, never memory.
 */
record SharedHandle(SharedKind kind, String path, long length) implements Serializable {
    @Serial
    private static final long serialVersionUID = 2L;

    SharedHandle {
        if (kind == null || path == null || length < 0 || length > Integer.MAX_VALUE && kind != SharedKind.MEMORY) {
            throw new IllegalArgumentException("malformed shared-memory handle: " + kind + ", " + path + ", " + length);
        }
    }

    @Serial
    private Object readResolve() {
        return kind.attach(Path.of(path), length);
    }
}
