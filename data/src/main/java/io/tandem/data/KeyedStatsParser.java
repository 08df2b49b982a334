package io.tandem.data;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

import static io.tandem.data.Bytes.HIGHS;
import static io.tandem.data.Bytes.LONG_LE;
import static io.tandem.data.Bytes.NEWLINES;

/*
 * The One Billion Row Challenge's hot loop, without Unsafe: the published best practice for the JVM.
 *
 * - The chunk is a slice of a memory-mapped file; every read is MemorySegment.get(JAVA_LONG_UNALIGNED, little
 *   endian): 8 bytes at a time. The key's end is found with SWAR (Bytes.matches) on those words; its first 16
 *   bytes, masked, are the table key (k0, k1) and feed the hash, so most lookups compare two longs and a length.
 * - A value with one fractional digit ("-12.3", "4.5") is parsed without branches (Quan Anh Mai's trick: find
 *   the dot from bit 4 of the bytes, shift the digits into place, one multiplication), then validated with a
 *   few more SWAR operations so that anything else (no dot, two decimals, a letter, "\r\n") goes to the slow
 *   path instead of becoming a wrong number.
 * - An open-addressing table (linear probing, power-of-two capacity, grown at half full) per chunk, in
 *   parallel arrays; keys stay offsets into the mapped chunk until the end, when they are decoded once.
 * - The fast loop runs while 160 bytes remain (a key scan gives up after 128 bytes and takes the slow path);
 *   the last lines, long keys, odd values and malformed lines go through slowLine, byte by byte with
 *   bounds, which also does the error reporting and skipping.
 */
final class KeyedStatsParser {
    private static final int FAST_TAIL = 160;
    private static final int FAST_KEY_LIMIT = 128;
    private static final long[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
            1_000_000_000};

    private final FileChunk chunk;
    private final MemorySegment seg;
    private final byte delimiter;
    private final long delimiters;
    private final int scale;
    private final boolean skip;
    private long skipped;

    // the table
    private int mask;
    private int shift;
    private long[] k0s;
    private long[] k1s;
    private long[] offs;
    private int[] lens; // key length + 1; 0 = free slot
    private long[] counts;
    private long[] sums;
    private long[] mins;
    private long[] maxs;
    private int size;

    KeyedStatsParser(FileChunk chunk, byte delimiter, int scale, boolean skip) {
        this.chunk = chunk;
        this.seg = chunk.segment();
        this.delimiter = delimiter;
        this.delimiters = Bytes.repeat(delimiter);
        this.scale = scale;
        this.skip = skip;
        allocate(1 << 12);
    }

    private void allocate(int capacity) {
        mask = capacity - 1;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
        k0s = new long[capacity];
        k1s = new long[capacity];
        offs = new long[capacity];
        lens = new int[capacity];
        counts = new long[capacity];
        sums = new long[capacity];
        mins = new long[capacity];
        maxs = new long[capacity];
        size = 0;
    }

    KeyedStats run() {
        long end = seg.byteSize();
        long pos = 0;
        if (scale == 1) {
            long fastEnd = end - FAST_TAIL;
            while (pos < fastEnd) {
                long next = fastLine(pos);
                pos = next >= 0 ? next : slowLine(pos, end);
            }
        }
        while (pos < end) {
            pos = slowLine(pos, end);
        }
        return result();
    }

    /** One line the fast way, or -1 to have slowLine take it. Needs FAST_TAIL readable bytes from pos. */
    private long fastLine(long pos) {
        long w0 = seg.get(LONG_LE, pos);
        long m = Bytes.matches(w0, delimiters);
        long nl = Bytes.matches(w0, NEWLINES);
        long k0;
        long k1;
        long len;
        if (m != 0) {
            if (nl != 0 && Long.numberOfTrailingZeros(nl) < Long.numberOfTrailingZeros(m)) {
                return -1;
            }
            k0 = w0 & below(m);
            k1 = 0;
            len = Long.numberOfTrailingZeros(m) >>> 3;
        } else {
            if (nl != 0) {
                return -1;
            }
            long w1 = seg.get(LONG_LE, pos + 8);
            m = Bytes.matches(w1, delimiters);
            nl = Bytes.matches(w1, NEWLINES);
            if (m != 0) {
                if (nl != 0 && Long.numberOfTrailingZeros(nl) < Long.numberOfTrailingZeros(m)) {
                    return -1;
                }
                k0 = w0;
                k1 = w1 & below(m);
                len = 8 + (Long.numberOfTrailingZeros(m) >>> 3);
            } else {
                if (nl != 0) {
                    return -1;
                }
                k0 = w0;
                k1 = w1;
                long q = pos + 16;
                while (true) {
                    if (q >= pos + FAST_KEY_LIMIT) {
                        return -1;
                    }
                    long w = seg.get(LONG_LE, q);
                    m = Bytes.matches(w, delimiters);
                    nl = Bytes.matches(w, NEWLINES);
                    if (m != 0) {
                        if (nl != 0 && Long.numberOfTrailingZeros(nl) < Long.numberOfTrailingZeros(m)) {
                            return -1;
                        }
                        len = q - pos + (Long.numberOfTrailingZeros(m) >>> 3);
                        break;
                    }
                    if (nl != 0) {
                        return -1;
                    }
                    q += 8;
                }
            }
        }
        long num = pos + len + 1;
        long word = seg.get(LONG_LE, num);
        int dotBit = Long.numberOfTrailingZeros(~word & 0x10101000L);
        if (dotBit > 28) {
            return -1;
        }
        int d = dotBit >>> 3;
        long signed = (~word << 59) >> 63;
        long digits = ((word & ~(signed & 0xFF)) << (28 - dotBit)) & 0x0F000F0F00L;
        long abs = ((digits * 0x640a0001L) >>> 32) & 0x3FF;
        long value = (abs ^ signed) - signed;
        // validate: '-' or a digit first, the dot at d, digits elsewhere, '\n' right after the one fractional digit
        int lineBits = (d + 2) << 3;
        if (((word >>> lineBits) & 0xFF) != '\n') {
            return -1;
        }
        long lineMask = (1L << lineBits) - 1;
        long nonDigit = (0xFFL << (d << 3)) | (signed & 0xFF);
        if ((word & nonDigit) != ((0x2EL << (d << 3)) | (signed & 0x2D))) {
            return -1;
        }
        long digitBytes = (word & lineMask & ~nonDigit) | (0x3030303030303030L & (nonDigit | ~lineMask));
        if ((((digitBytes + 0x4646464646464646L) | (digitBytes - 0x3030303030303030L)) & HIGHS) != 0) {
            return -1;
        }
        add(k0, k1, pos, (int) len, value);
        return num + d + 3;
    }

    /** The bytes below the lowest match of a {@link Bytes#matches} mask. */
    private static long below(long m) {
        return ((m & -m) >>> 7) - 1;
    }

    private static long hash(long k0, long k1, int len) {
        long x = (k0 ^ Long.rotateLeft(k1, 29) ^ len) * 0x9E3779B97F4A7C15L;
        return x ^ (x >>> 31);
    }

    private void add(long k0, long k1, long off, int len, long value) {
        long h = hash(k0, k1, len);
        int i = (int) (h >>> shift);
        while (true) {
            int l = lens[i];
            if (l == 0) {
                k0s[i] = k0;
                k1s[i] = k1;
                offs[i] = off;
                lens[i] = len + 1;
                counts[i] = 1;
                sums[i] = value;
                mins[i] = value;
                maxs[i] = value;
                if (++size > (mask + 1) >>> 1) {
                    grow();
                }
                return;
            }
            if (l == len + 1 && k0s[i] == k0 && k1s[i] == k1
                    && (len <= 16 || MemorySegment.mismatch(seg, offs[i] + 16, offs[i] + len, seg, off + 16, off + len) < 0)) {
                counts[i]++;
                sums[i] += value;
                mins[i] = Math.min(mins[i], value);
                maxs[i] = Math.max(maxs[i], value);
                return;
            }
            i = (i + 1) & mask;
        }
    }

    private void grow() {
        long[] ok0 = k0s, ok1 = k1s, ooff = offs, oc = counts, os = sums, omin = mins, omax = maxs;
        int[] olen = lens;
        allocate((mask + 1) << 1);
        for (int j = 0; j < olen.length; j++) {
            if (olen[j] != 0) {
                int len = olen[j] - 1;
                int i = (int) (hash(ok0[j], ok1[j], len) >>> shift);
                while (lens[i] != 0) {
                    i = (i + 1) & mask;
                }
                k0s[i] = ok0[j];
                k1s[i] = ok1[j];
                offs[i] = ooff[j];
                lens[i] = olen[j];
                counts[i] = oc[j];
                sums[i] = os[j];
                mins[i] = omin[j];
                maxs[i] = omax[j];
                size++;
            }
        }
    }

    /** One line, byte by byte within bounds; every malformed case is reported (or skipped) here. */
    private long slowLine(long pos, long end) {
        long eol = pos;
        while (eol < end && seg.get(ValueLayout.JAVA_BYTE, eol) != '\n') {
            eol++;
        }
        long next = eol < end ? eol + 1 : end;
        long stop = eol > pos && seg.get(ValueLayout.JAVA_BYTE, eol - 1) == '\r' ? eol - 1 : eol;
        if (stop == pos) {
            return next; // an empty line
        }
        long delim = pos;
        while (delim < stop && seg.get(ValueLayout.JAVA_BYTE, delim) != delimiter) {
            delim++;
        }
        if (delim == stop) {
            return malformed(pos, stop - pos, 1, "no '" + (char) delimiter + "' separating a key from a value", next);
        }
        long v = delim + 1;
        long p = v;
        boolean negative = false;
        if (p < stop && (seg.get(ValueLayout.JAVA_BYTE, p) == '-' || seg.get(ValueLayout.JAVA_BYTE, p) == '+')) {
            negative = seg.get(ValueLayout.JAVA_BYTE, p) == '-';
            p++;
        }
        long units = 0;
        int digits = 0;
        int fraction = -1;
        for (; p < stop; p++) {
            byte b = seg.get(ValueLayout.JAVA_BYTE, p);
            if (b >= '0' && b <= '9') {
                if (fraction >= 0 && ++fraction > scale) {
                    return malformed(pos, v - pos, 2, quote(v, stop) + " has more than " + scale + " fractional digits", next);
                }
                if (++digits > 18) {
                    return malformed(pos, v - pos, 2, quote(v, stop) + " has too many digits", next);
                }
                units = units * 10 + (b - '0');
            } else if (b == '.' && fraction < 0) {
                fraction = 0;
            } else {
                return malformed(pos, v - pos, 2, quote(v, stop) + " is not a decimal number", next);
            }
        }
        if (digits == 0) {
            return malformed(pos, v - pos, 2, quote(v, stop) + " is not a decimal number", next);
        }
        units *= POW10[scale - Math.max(fraction, 0)];
        int len = (int) (delim - pos);
        long k0 = 0;
        long k1 = 0;
        for (int j = 0; j < Math.min(len, 16); j++) {
            long b = seg.get(ValueLayout.JAVA_BYTE, pos + j) & 0xFFL;
            if (j < 8) {
                k0 |= b << (j << 3);
            } else {
                k1 |= b << ((j - 8) << 3);
            }
        }
        add(k0, k1, pos, len, negative ? -units : units);
        return next;
    }

    private String quote(long from, long to) {
        byte[] b = seg.asSlice(from, Math.min(to - from, 40)).toArray(ValueLayout.JAVA_BYTE);
        return "\"" + new String(b, StandardCharsets.UTF_8) + "\"";
    }

    private long malformed(long lineStart, long columnOffset, int column, String problem, long next) {
        if (skip) {
            skipped++;
            return next;
        }
        throw new MalformedRowException(chunk.path(), chunk.lineNumberAt(lineStart), column,
                column == 1 ? "key" : "value", problem + " (at byte " + (chunk.offset() + lineStart + columnOffset) + ")");
    }

    private KeyedStats result() {
        KeyedStats out = new KeyedStats(scale, size);
        for (int i = 0; i < lens.length; i++) {
            if (lens[i] != 0) {
                byte[] key = seg.asSlice(offs[i], lens[i] - 1).toArray(ValueLayout.JAVA_BYTE);
                out.add(new String(key, StandardCharsets.UTF_8), counts[i], sums[i], mins[i], maxs[i]);
            }
        }
        out.addSkipped(skipped);
        return out;
    }
}
