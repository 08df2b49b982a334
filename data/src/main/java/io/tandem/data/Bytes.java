package io.tandem.data;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/*
 * Byte scanning shared by the chunkers and parsers: 8 bytes at a time as a little-endian long (SWAR, "SIMD
 * within a register"), the published best practice for line-oriented data on the JVM without Unsafe.
 * firstByte(word, pattern) finds the lowest byte of `word` equal to the byte repeated in `pattern`: XOR makes
 * matching bytes zero, and (x - 0x01..) & ~x & 0x80.. sets the high bit of the lowest zero byte (higher
 * bytes may be false positives only above a true one, which is why only the lowest is used).
 */
final class Bytes {
    static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    static final long ONES = 0x0101010101010101L;
    static final long HIGHS = 0x8080808080808080L;

    private Bytes() {
    }

    /** A mask whose lowest set bit is the high bit of the lowest byte of {@code word} equal to {@code pattern}'s byte; 0 if none. */
    static long matches(long word, long pattern) {
        long x = word ^ pattern;
        return (x - ONES) & ~x & HIGHS;
    }

    /** {@code b} repeated in every byte of a long. */
    static long repeat(byte b) {
        return (b & 0xFFL) * ONES;
    }

    /** Index of the first {@code b} in {@code seg} at or after {@code from}, or -1. */
    static long indexOf(MemorySegment seg, byte b, long from) {
        long size = seg.byteSize();
        long pattern = repeat(b);
        long i = from;
        for (; i + 8 <= size; i += 8) {
            long m = matches(seg.get(LONG_LE, i), pattern);
            if (m != 0) {
                return i + (Long.numberOfTrailingZeros(m) >>> 3);
            }
        }
        for (; i < size; i++) {
            if (seg.get(ValueLayout.JAVA_BYTE, i) == b) {
                return i;
            }
        }
        return -1;
    }

    /** How many {@code b} bytes {@code seg} holds in {@code [from, to)}. */
    static long count(MemorySegment seg, byte b, long from, long to) {
        long pattern = repeat(b);
        long n = 0;
        long i = from;
        for (; i + 8 <= to; i += 8) {
            long x = seg.get(LONG_LE, i) ^ pattern;
            // exact per-byte zero test (no false positives): high bit of ((x & 0x7F..) + 0x7F..) | x is clear only for 0
            long t = ((x & ~HIGHS) + ~HIGHS | x) & HIGHS;
            n += 8 - Long.bitCount(t);
        }
        for (; i < to; i++) {
            if (seg.get(ValueLayout.JAVA_BYTE, i) == b) {
                n++;
            }
        }
        return n;
    }
}
