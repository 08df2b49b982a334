package io.tandem.data;

import java.io.Serial;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Count, minimum, maximum, sum and mean of a decimal value per key, from lines {@code key<delimiter>value}:
 * the One Billion Row Challenge's {@code station;temperature}, or a log's {@code status;latency}. Values are
 * fixed-point decimals with at most {@link #scale()} fractional digits, summed exactly as {@code long}s, so
 * every way of splitting the file gives the same answer to the last digit.
 *
 * {@snippet :
 * try (FileChunks chunks = Chunks.of(Path.of("measurements.txt")); TaskPool pool = Pools.threads()) {
 *     KeyedStats stats = chunks.mapReduce(pool, c -> KeyedStats.parse(c, ';'), KeyedStats::merge);
 *     System.out.println(stats);   // {Abha=-23.0/18.0/59.2, Abidjan=-16.2/26.0/67.3, ...}
 * }
 * }
 *
 * <p>{@link #parse} is the fast path: 8 bytes at a time as a {@code long} from the memory-mapped chunk, the
 * value parsed as a fixed-point integer without branches when it has one fractional digit, an
 * open-addressing table per chunk; the tables are merged by {@link #merge}. A line that is not
 * {@code key<delimiter>decimal} is a {@link MalformedRowException} naming the file, line and column, or,
 * with {@link OnMalformed#SKIP}, left out and counted in {@link #skipped()}. Keys are decoded as UTF-8.
 * Lines end with {@code \n} (a {@code \r} before it is ignored); empty lines are ignored; the last line
 * needs no newline.
 *
 * <p>Not thread-safe: {@link #merge} changes the receiver. A map-reduce calls it from one thread.
 */
public final class KeyedStats implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** One key's figures, in units of {@code 10^-scale}. */
    private static final class Acc implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
        long count;
        long sum;
        long min;
        long max;

        Acc(long count, long sum, long min, long max) {
            this.count = count;
            this.sum = sum;
            this.min = min;
            this.max = max;
        }
    }

    /**
     * One key's figures.
     *
     * @param count how many values
     * @param min   the smallest
     * @param mean  the mean, rounded half up to the scale's digits
     * @param max   the largest
     * @param sum   the exact sum
     */
    public record Stat(long count, BigDecimal min, BigDecimal mean, BigDecimal max, BigDecimal sum) {
    }

    private final int scale;
    private final Map<String, Acc> byKey;
    private long rows;
    private long skipped;

    KeyedStats(int scale, int expectedKeys) {
        this.scale = scale;
        this.byKey = new HashMap<>(Math.max(16, expectedKeys * 2));
    }

    /** Statistics of lines {@code key<delimiter>value} with at most one fractional digit; malformed lines fail. */
    public static KeyedStats parse(FileChunk chunk, char delimiter) {
        return parse(chunk, delimiter, 1, OnMalformed.FAIL);
    }

    /**
     * Statistics of the lines of {@code chunk}, values with at most {@code scale} fractional digits.
     *
     * @throws IllegalArgumentException if the delimiter is not a single-byte character other than a digit,
     *         sign, dot or line end, or {@code scale} is not within 0..9
     * @throws MalformedRowException for a malformed line unless {@code onMalformed} is {@link OnMalformed#SKIP}
     */
    public static KeyedStats parse(FileChunk chunk, char delimiter, int scale, OnMalformed onMalformed) {
        Objects.requireNonNull(chunk, "chunk");
        Objects.requireNonNull(onMalformed, "onMalformed");
        if (delimiter >= 0x80 || delimiter == '\n' || delimiter == '\r' || delimiter == '.' || delimiter == '-'
                || delimiter == '+' || delimiter >= '0' && delimiter <= '9') {
            throw new IllegalArgumentException("delimiter must be one ASCII character other than a digit, sign, '.' or "
                    + "a line end, got '" + delimiter + "'");
        }
        if (scale < 0 || scale > 9) {
            throw new IllegalArgumentException("scale must be within 0..9 fractional digits, got " + scale);
        }
        return new KeyedStatsParser(chunk, (byte) delimiter, scale, onMalformed == OnMalformed.SKIP).run();
    }

    void add(String key, long count, long sum, long min, long max) {
        Acc a = byKey.get(key);
        if (a == null) {
            byKey.put(key, new Acc(count, sum, min, max));
        } else {
            a.count += count;
            a.sum += sum;
            a.min = Math.min(a.min, min);
            a.max = Math.max(a.max, max);
        }
        rows += count;
    }

    void addSkipped(long n) {
        skipped += n;
    }

    /**
     * Adds {@code other}'s figures to this one's and returns this (the combiner of a map-reduce).
     *
     * @throws IllegalArgumentException if the scales differ
     */
    public KeyedStats merge(KeyedStats other) {
        if (other.scale != scale) {
            throw new IllegalArgumentException("cannot merge statistics of scale " + other.scale + " into scale " + scale);
        }
        for (Map.Entry<String, Acc> e : other.byKey.entrySet()) {
            Acc a = e.getValue();
            add(e.getKey(), a.count, a.sum, a.min, a.max);
        }
        skipped += other.skipped;
        return this;
    }

    /** The number of fractional digits of the values. */
    public int scale() {
        return scale;
    }

    /** How many rows were counted. */
    public long rows() {
        return rows;
    }

    /** How many malformed rows were skipped ({@link OnMalformed#SKIP}); 0 otherwise. */
    public long skipped() {
        return skipped;
    }

    /** How many distinct keys. */
    public int size() {
        return byKey.size();
    }

    /** The figures of every key, sorted by key. */
    public Map<String, Stat> toMap() {
        Map<String, Stat> out = new TreeMap<>();
        for (Map.Entry<String, Acc> e : byKey.entrySet()) {
            Acc a = e.getValue();
            out.put(e.getKey(), new Stat(a.count, decimal(a.min), decimal(meanUnits(a.sum, a.count)), decimal(a.max),
                    decimal(a.sum)));
        }
        return Collections.unmodifiableMap(out);
    }

    /** {@code sum / count} in units, rounded half up (towards positive infinity), exactly. */
    static long meanUnits(long sum, long count) {
        return Math.floorDiv(2 * sum + count, 2 * count);
    }

    private BigDecimal decimal(long units) {
        return BigDecimal.valueOf(units, scale);
    }

    /** The One Billion Row Challenge's output: {@code {key=min/mean/max, ...}} sorted by key. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, Stat> e : toMap().entrySet()) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            Stat s = e.getValue();
            sb.append(e.getKey()).append('=').append(s.min().toPlainString()).append('/')
                    .append(s.mean().setScale(scale, RoundingMode.UNNECESSARY).toPlainString()).append('/')
                    .append(s.max().toPlainString());
        }
        return sb.append('}').toString();
    }

    /** A short digest for comparing answers: key count, rows and the CRC-32 of {@link #toString()}'s UTF-8 bytes. */
    public String digest() {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return String.format(Locale.ROOT, "%d keys, %d rows, crc32 %08x", size(), rows, crc.getValue());
    }
}
