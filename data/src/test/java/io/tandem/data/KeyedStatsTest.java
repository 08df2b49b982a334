package io.tandem.data;

import io.tandem.Pools;
import io.tandem.TaskPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The station;temperature fast path against a plain sequential reading, and its malformed rows. */
class KeyedStatsTest {
    @TempDir
    Path dir;

    @Test
    void agreesWithAPlainSequentialReadingWhateverTheChunks() throws IOException {
        long seed = System.nanoTime();
        SplittableRandom rnd = new SplittableRandom(seed);
        String[] keys = {"a", "Zürich", "São Paulo", "exactly8", "sixteen-bytes-ok", "seventeen-bytes-x",
                "a name that is longer than the 128 bytes the fast path scans before it gives up and takes the slow "
                        + "path, byte by byte, like this one ........", "İzmir", "x"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 60_000; i++) {
            String k = keys[rnd.nextInt(keys.length)];
            int tenths = rnd.nextInt(-999, 1000);
            String v = switch (rnd.nextInt(20)) {
                case 0 -> Integer.toString(tenths / 10);                       // "12": no fraction
                case 1 -> (tenths < 0 ? "-" : "+") + Math.abs(tenths / 10) + "." + Math.abs(tenths % 10); // "+1.2"
                default -> BigDecimal.valueOf(tenths, 1).toPlainString();
            };
            sb.append(k).append(';').append(v).append(rnd.nextInt(50) == 0 ? "\r\n" : "\n");
            if (rnd.nextInt(500) == 0) {
                sb.append('\n');
            }
        }
        Path file = Files.writeString(dir.resolve("m.txt"), sb, StandardCharsets.UTF_8);
        String expected = plain(file);
        try (TaskPool threads = Pools.threads(2); TaskPool virtual = Pools.virtual(); TaskPool direct = Pools.direct()) {
            for (int n : new int[] {1, 2, 3, 7, 64}) {
                try (FileChunks chunks = Chunks.of(file, n)) {
                    for (TaskPool pool : new TaskPool[] {threads, virtual, direct}) {
                        KeyedStats s = chunks.mapReduce(pool, c -> KeyedStats.parse(c, ';'), KeyedStats::merge);
                        assertEquals(expected, s.toString(), "seed " + seed + ", " + n + " chunks on " + pool.name());
                        assertEquals(60_000, s.rows());
                    }
                }
            }
        }
    }

    /** The reference: BufferedReader, split, BigDecimal. */
    static String plain(Path file) throws IOException {
        Map<String, long[]> m = new TreeMap<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isEmpty()) {
                    continue;
                }
                int semi = line.indexOf(';');
                long t = new BigDecimal(line.substring(semi + 1)).movePointRight(1).longValueExact();
                long[] a = m.computeIfAbsent(line.substring(0, semi), k -> new long[] {0, 0, Long.MAX_VALUE, Long.MIN_VALUE});
                a[0]++;
                a[1] += t;
                a[2] = Math.min(a[2], t);
                a[3] = Math.max(a[3], t);
            }
        }
        StringBuilder sb = new StringBuilder("{");
        m.forEach((k, a) -> sb.append(sb.length() > 1 ? ", " : "").append(k).append('=')
                .append(BigDecimal.valueOf(a[2], 1)).append('/')
                .append(BigDecimal.valueOf(Math.floorDiv(2 * a[1] + a[0], 2 * a[0]), 1)).append('/')
                .append(BigDecimal.valueOf(a[3], 1)));
        return sb.append('}').toString();
    }

    @Test
    void aMalformedLineIsAnErrorNamingFileLineAndColumn() throws IOException {
        String good = "a;1.0\n".repeat(1000);
        assertMalformed(good + "no delimiter here\n" + good, 1001, 1, "no ';'");
        assertMalformed(good + "b;12.x\n", 1001, 2, "\"12.x\" is not a decimal number");
        assertMalformed(good + "b;1.25\n", 1001, 2, "more than 1 fractional digits");
        assertMalformed(good + "b;\n", 1001, 2, "is not a decimal number");
        assertMalformed(good + "b;1.0;2.0\n", 1001, 2, "is not a decimal number");
    }

    private void assertMalformed(String text, long line, int column, String problem) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.txt"), text, StandardCharsets.UTF_8);
        for (int n : new int[] {1, 5}) {
            try (FileChunks chunks = Chunks.of(file, n); TaskPool pool = Pools.threads(2)) {
                MalformedRowException e = assertThrows(MalformedRowException.class,
                        () -> chunks.mapReduce(pool, c -> KeyedStats.parse(c, ';'), KeyedStats::merge));
                assertEquals(file, e.file());
                assertEquals(line, e.line(), e.getMessage());
                assertEquals(column, e.column(), e.getMessage());
                assertTrue(e.getMessage().startsWith(file + ":" + line + ": column " + column), e.getMessage());
                assertTrue(e.getMessage().contains(problem), e.getMessage());
                // skipped and counted when asked, never silently
                KeyedStats s = chunks.mapReduce(pool, c -> KeyedStats.parse(c, ';', 1, OnMalformed.SKIP), KeyedStats::merge);
                assertEquals(1, s.skipped());
                assertEquals(text.split("\n").length - 1, s.rows());
            }
        }
    }

    @Test
    void badArgumentsAreRejectedAtOnce() throws IOException {
        Path file = Files.writeString(dir.resolve("ok.txt"), "a;1\n");
        try (FileChunks chunks = Chunks.of(file)) {
            FileChunk c = chunks.list().getFirst();
            assertThrows(IllegalArgumentException.class, () -> KeyedStats.parse(c, '1'));
            assertThrows(IllegalArgumentException.class, () -> KeyedStats.parse(c, ';', 10, OnMalformed.FAIL));
            assertEquals("{a=1.00/1.00/1.00}", KeyedStats.parse(c, ';', 2, OnMalformed.FAIL).toString());
        }
        assertThrows(IllegalArgumentException.class, () -> Chunks.of(file, 0));
    }
}
