package io.tandem.process;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * A fixed-length array in shared memory whose elements several processes update atomically: Python's
 * {@code multiprocessing.Array}. Three element types, each with the operations of the matching
 * {@code java.util.concurrent.atomic} array: {@link SharedLongArray} ({@code AtomicLongArray}),
 * {@link SharedIntArray} ({@code AtomicIntegerArray}) and {@link SharedDoubleArray}.
 * {@snippet :
 * try (SharedLongArray hist = SharedArray.ofLongs(10)) {
 *     pool.map(x -> hist.incrementAndGet(bucket(x)), data); // workers attach the same array
 *     long[] counts = hist.toArray();
 * }
 * }
 *
 * <p><b>Concurrency.</b> Each element operation is atomic across threads and processes with the memory
 * effects of the atomic-array method of the same name; whole-array operations such as {@code toArray()}
 * are not atomic (guard them with {@link #lock()} if writers hold it too). Elements start at zero.
 * Indexes are checked: {@link IndexOutOfBoundsException} names the index and the length.
 *
 * <p><b>Lifecycle.</b> As {@link SharedLong}: the creator's {@link #close()} deletes the memory, a copy
 * decoded in another process detaches, and operations after {@code close()} throw
 * {@link IllegalStateException}.
 */
public sealed interface SharedArray extends AutoCloseable, Serializable
        permits SharedLongArray, SharedIntArray, SharedDoubleArray {

    /** A new array of {@code length} zero {@code long}s, owned by the caller. */
    static SharedLongArray ofLongs(int length) {
        return SharedLongArray.create(length);
    }

    /** A new array of {@code length} zero {@code int}s, owned by the caller. */
    static SharedIntArray ofInts(int length) {
        return SharedIntArray.create(length);
    }

    /** A new array of {@code length} zero {@code double}s, owned by the caller. */
    static SharedDoubleArray ofDoubles(int length) {
        return SharedDoubleArray.create(length);
    }

    /** The number of elements. */
    int length();

    /** The lock stored with this array (Python's {@code get_lock()}); it closes with the array. */
    SharedLock lock();

    /** The file behind this array. */
    Path path();

    /** The owner deletes the shared memory; a copy detaches. Idempotent. */
    @Override
    void close();
}
