package io.tandem.bench.rows;

import io.tandem.Pools;
import io.tandem.TaskPool;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * The {@code rows} scenario's input: a One Billion Row Challenge file, {@code station;temperature} lines
 * ({@code Hamburg;12.0}), written once by a deterministic generator into a cache directory and reused by
 * every later run, with its expected answer beside it.
 *
 * <p>The generator is the challenge's: {@link Stations} (real names, some with non-ASCII letters) each with
 * a mean temperature; a row picks a station uniformly and a temperature from a normal distribution around
 * that mean with standard deviation 10, rounded to one decimal and clamped to [-99.9, 99.9]. Rows come in
 * blocks of 2^20, block {@code b} drawn from {@code SplittableRandom(SEED + b)}, so the file is the same
 * whatever generates it, and blocks are generated in parallel. The expected answer is computed from the
 * generated integers themselves (not by reading the file back), so it is independent of every model.
 *
 * <p>Location: {@code -Dtandem.bench.cache}, else {@code $XDG_CACHE_HOME/tandem/bench}, else
 * {@code ~/.cache/tandem/bench}; files {@code rows-v1-N.txt} and {@code rows-v1-N.answer}. A file is written
 * under a temporary name and renamed when complete, so an interrupted run never leaves a truncated one.
 * Not thread-safe: one bench at a time per cache directory.
 */
public final class RowsFile {
    static final long SEED = 0x1BC_2024L;
    static final int BLOCK = 1 << 20;

    private final Path file;
    private final String answer;
    private final String digest;

    private RowsFile(Path file, String answer, String digest) {
        this.file = file;
        this.answer = answer;
        this.digest = digest;
    }

    /** The file of {@code rows} rows, generated first if the cache does not have it. */
    public static RowsFile of(long rows) throws IOException {
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be >= 1, got " + rows);
        }
        Path dir = cacheDir();
        Files.createDirectories(dir);
        Path file = dir.resolve("rows-v1-" + rows + ".txt");
        Path answerFile = dir.resolve("rows-v1-" + rows + ".answer");
        if (!Files.exists(file) || !Files.exists(answerFile)) {
            generate(rows, file, answerFile);
        }
        List<String> lines = Files.readAllLines(answerFile, StandardCharsets.UTF_8);
        if (lines.size() != 2) {
            throw new IOException(answerFile + " is damaged: delete it and " + file + " to generate them again");
        }
        return new RowsFile(file, lines.get(1), lines.get(0));
    }

    static Path cacheDir() {
        String prop = System.getProperty("tandem.bench.cache");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("tandem").resolve("bench");
    }

    /** The file. */
    public Path path() {
        return file;
    }

    /** The expected answer in the challenge's format: {@code {station=min/mean/max, ...}}. */
    public String answer() {
        return answer;
    }

    /** The expected digest: what every model returns ({@code N keys, R rows, crc32 X}). */
    public String digest() {
        return digest;
    }

    /** About 13.7 bytes a row with these stations. */
    static long estimatedBytes(long rows) {
        return rows * 14;
    }

    private static void generate(long rows, Path file, Path answerFile) throws IOException {
        long need = estimatedBytes(rows) + (512L << 20);
        long free = Files.getFileStore(file.getParent()).getUsableSpace();
        if (free < need) {
            throw new IOException(String.format(Locale.ROOT, "the rows scenario needs about %,d MB free in %s for a %,d-row "
                    + "file, only %,d MB are: free some space, pass a smaller --size, or point -Dtandem.bench.cache elsewhere",
                    need >> 20, file.getParent(), rows, free >> 20));
        }
        System.err.printf(Locale.ROOT, "tandem bench: writing the rows file (%,d rows, about %,d MB) to %s, once%n",
                rows, estimatedBytes(rows) >> 20, file);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        int blocks = (int) ((rows + BLOCK - 1) / BLOCK);
        long[][] acc = new long[Stations.COUNT][];
        try (TaskPool pool = Pools.threads(); OutputStream out = Files.newOutputStream(tmp)) {
            List<Integer> ids = new ArrayList<>(blocks);
            for (int b = 0; b < blocks; b++) {
                ids.add(b);
            }
            Iterator<Block> it = pool.imap(b -> Block.generate(b, rows), ids);
            while (it.hasNext()) {
                Block block = it.next();
                out.write(block.bytes, 0, block.length);
                for (int s = 0; s < Stations.COUNT; s++) {
                    if (block.count[s] > 0) {
                        long[] a = acc[s];
                        if (a == null) {
                            acc[s] = new long[] {block.count[s], block.sum[s], block.min[s], block.max[s]};
                        } else {
                            a[0] += block.count[s];
                            a[1] += block.sum[s];
                            a[2] = Math.min(a[2], block.min[s]);
                            a[3] = Math.max(a[3], block.max[s]);
                        }
                    }
                }
            }
        }
        String answer = format(acc);
        String digest = digest(answer, acc, rows);
        Files.writeString(answerFile, digest + "\n" + answer + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String format(long[][] acc) {
        Map<String, long[]> sorted = new TreeMap<>();
        for (int s = 0; s < acc.length; s++) {
            if (acc[s] != null) {
                sorted.put(Stations.NAMES[s], acc[s]);
            }
        }
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, long[]> e : sorted.entrySet()) {
            long[] a = e.getValue();
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(e.getKey()).append('=').append(tenths(a[2])).append('/')
                    .append(tenths(Math.floorDiv(2 * a[1] + a[0], 2 * a[0]))).append('/').append(tenths(a[3]));
        }
        return sb.append('}').toString();
    }

    private static String tenths(long units) {
        return BigDecimal.valueOf(units, 1).toPlainString();
    }

    private static String digest(String answer, long[][] acc, long rows) {
        int keys = 0;
        for (long[] a : acc) {
            keys += a != null ? 1 : 0;
        }
        CRC32 crc = new CRC32();
        crc.update(answer.getBytes(StandardCharsets.UTF_8));
        return String.format(Locale.ROOT, "%d keys, %d rows, crc32 %08x", keys, rows, crc.getValue());
    }

    /** One block of rows, its bytes and its per-station figures in tenths. */
    private static final class Block {
        final byte[] bytes;
        final int length;
        final long[] count = new long[Stations.COUNT];
        final long[] sum = new long[Stations.COUNT];
        final long[] min = new long[Stations.COUNT];
        final long[] max = new long[Stations.COUNT];

        private Block(byte[] bytes, int length) {
            this.bytes = bytes;
            this.length = length;
        }

        static Block generate(int b, long rows) {
            int n = (int) Math.min(BLOCK, rows - (long) b * BLOCK);
            SplittableRandom rnd = new SplittableRandom(SEED + b);
            byte[] buf = new byte[n * 48];
            int len = 0;
            long[] count = new long[Stations.COUNT];
            long[] sum = new long[Stations.COUNT];
            long[] min = new long[Stations.COUNT];
            long[] max = new long[Stations.COUNT];
            java.util.Arrays.fill(min, Long.MAX_VALUE);
            java.util.Arrays.fill(max, Long.MIN_VALUE);
            for (int i = 0; i < n; i++) {
                int s = rnd.nextInt(Stations.COUNT);
                long t = Math.round(Stations.MEANS[s] * 10 + rnd.nextGaussian() * 100);
                t = Math.max(-999, Math.min(999, t));
                byte[] name = Stations.BYTES[s];
                System.arraycopy(name, 0, buf, len, name.length);
                len += name.length;
                buf[len++] = ';';
                long a = Math.abs(t);
                if (t < 0) {
                    buf[len++] = '-';
                }
                if (a >= 100) {
                    buf[len++] = (byte) ('0' + a / 100);
                }
                buf[len++] = (byte) ('0' + a / 10 % 10);
                buf[len++] = '.';
                buf[len++] = (byte) ('0' + a % 10);
                buf[len++] = '\n';
                count[s]++;
                sum[s] += t;
                min[s] = Math.min(min[s], t);
                max[s] = Math.max(max[s], t);
            }
            Block block = new Block(buf, len);
            System.arraycopy(count, 0, block.count, 0, count.length);
            System.arraycopy(sum, 0, block.sum, 0, sum.length);
            System.arraycopy(min, 0, block.min, 0, min.length);
            System.arraycopy(max, 0, block.max, 0, max.length);
            return block;
        }
    }

    /** Generates (or finds) the file: {@code RowsFile ROWS}; prints its path and expected digest. */
    public static void main(String[] args) throws IOException {
        RowsFile f = of(Long.parseLong(args[0]));
        System.out.println(f.path() + "\n" + f.digest());
    }

    static {
        if (Stations.NAMES.length != Stations.MEANS.length) {
            throw new UncheckedIOException(new IOException("station table damaged"));
        }
    }
}
