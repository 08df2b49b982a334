package io.tandem.process;

import io.tandem.process.internal.SharedSegment;

import java.nio.file.Path;

/**
 * The kinds of shared object, each a view over one {@link SharedSegment}: how many bytes a view of a given
 * length needs, and how to make the view over a segment attached in another process. A
 * {@link SharedHandle} names a kind, so decoding a handle makes the same kind of view it was made from.
 *
 * <p>Layout: a raw {@link SharedMemory} is all payload; a {@link SharedLock} is one 8-byte lock word; the
 * typed views ({@link SharedCells}) are a lock word followed by their elements (see {@link SharedCells}).
 */
enum SharedKind {
    MEMORY("SharedMemory", 1) {
        @Override
        long bytes(long length) {
            return length;
        }

        @Override
        SharedObject view(SharedSegment segment, long length) {
            return new SharedMemory(segment);
        }
    },
    LOCK("SharedLock", 8) {
        @Override
        long bytes(long length) {
            return SharedCells.HEADER;
        }

        @Override
        SharedObject view(SharedSegment segment, long length) {
            return new SharedLock(segment, true);
        }
    },
    LONG("SharedLong", 8) {
        @Override
        SharedObject view(SharedSegment segment, long length) {
            return new SharedLong(segment);
        }
    },
    DOUBLE("SharedDouble", 8) {
        @Override
        SharedObject view(SharedSegment segment, long length) {
            return new SharedDouble(segment);
        }
    },
    LONG_ARRAY("SharedLongArray", 8) {
        @Override
        SharedObject view(SharedSegment segment, long length) {
            return new SharedLongArray(segment, (int) length);
        }
    },
    INT_ARRAY("SharedIntArray", 4) {
        @Override
        SharedObject view(SharedSegment segment, long length) {
            return new SharedIntArray(segment, (int) length);
        }
    },
    DOUBLE_ARRAY("SharedDoubleArray", 8) {
        @Override
        SharedObject view(SharedSegment segment, long length) {
            return new SharedDoubleArray(segment, (int) length);
        }
    };

    final String typeName;
    /** Bytes per element: of the payload for {@link #MEMORY}, of each cell for the typed views. */
    final int elementBytes;

    SharedKind(String typeName, int elementBytes) {
        this.typeName = typeName;
        this.elementBytes = elementBytes;
    }

    /**
     * The segment size of a view of {@code length} elements: the lock word, then the elements, rounded up
     * to 8 bytes. Overridden by the kinds without cells.
     *
     * @throws IllegalArgumentException if {@code length} is negative
     */
    long bytes(long length) {
        if (length < 0) {
            throw new IllegalArgumentException(typeName + " length must be >= 0, got " + length);
        }
        return (SharedCells.HEADER + length * elementBytes + 7) & ~7L;
    }

    /** What a view's {@code toString()} shows before its path: its size where it has one. */
    final String details(long length) {
        return switch (this) {
            case MEMORY -> length + " bytes, ";
            case LONG_ARRAY, INT_ARRAY, DOUBLE_ARRAY -> length + ", ";
            case LOCK, LONG, DOUBLE -> "";
        };
    }

    /** The view of this kind over {@code segment}. */
    abstract SharedObject view(SharedSegment segment, long length);

    /** A new zero-filled segment for a view of {@code length}, owned by the caller. */
    final SharedSegment newSegment(long length) {
        return SharedSegment.create(bytes(length));
    }

    /** Attaches the file at {@code path} as a view of this kind and {@code length}. */
    final SharedObject attach(Path path, long length) {
        return view(SharedSegment.attach(path, bytes(length), typeName), length);
    }
}
