package io.tandem.process;

/**
 * Where things sit in a shared segment. Every typed segment starts with an 8-byte lock word (offset 0,
 * used by {@link SharedLock}); values and array elements follow at offset 8, naturally aligned. Mapped
 * files start page aligned, so every {@code long} is 8-byte aligned, as atomic access requires.
 */
final class SharedLayout {
    static final long HEADER = 8;

    private SharedLayout() {
    }

    /** Checks a requested array length and returns its segment size, rounded up to 8 bytes. */
    static long arrayBytes(String type, long length, int elementBytes) {
        if (length < 0) {
            throw new IllegalArgumentException(type + " length must be >= 0, got " + length);
        }
        return (HEADER + length * elementBytes + 7) & ~7L;
    }

    /** The byte offset of element {@code index}, or an exception naming the index, the length and the array. */
    static long offset(int index, int length, int elementBytes, Object array) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException("index " + index + " out of bounds for length " + length + " in " + array);
        }
        return HEADER + (long) index * elementBytes;
    }
}
