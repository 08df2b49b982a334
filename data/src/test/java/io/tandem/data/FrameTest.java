package io.tandem.data;

import io.tandem.Pools;
import io.tandem.TaskPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CSV into a Frame (quoting, types, chunk boundaries, malformed rows) and the Frame's operations. */
class FrameTest {
    @TempDir
    Path dir;

    @Test
    void readsTypedColumnsWithQuotingAndAgreesWithOneChunkWhateverTheCuts() throws IOException {
        long seed = System.nanoTime();
        SplittableRandom rnd = new SplittableRandom(seed);
        String[] paths = {"/", "/index.html", "\"/quoted,with,commas\"", "\"/multi\nline\"", "\"/say \"\"hi\"\"\"",
                "/Zürich/€", "\"\""};
        StringBuilder sb = new StringBuilder("status,latency_ms,path,bytes,ok\r\n");
        List<long[]> rows = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            long status = new long[] {200, 200, 200, 404, 500}[rnd.nextInt(5)];
            long tenths = rnd.nextLong(0, 100_000);
            sb.append(status).append(',').append(tenths / 10).append('.').append(tenths % 10).append(',')
                    .append(paths[rnd.nextInt(paths.length)]).append(',').append(rnd.nextLong(-5, 1 << 20))
                    .append(',').append(rnd.nextBoolean() ? "yes" : "no").append(rnd.nextInt(10) == 0 ? "\r\n" : "\n");
            rows.add(new long[] {status, tenths});
        }
        Path file = Files.writeString(dir.resolve("log.csv"), sb, StandardCharsets.UTF_8);
        Frame one = Frame.readCsv(file, CsvOptions.defaults().chunks(1));
        assertEquals(List.of("status", "latency_ms", "path", "bytes", "ok"), one.columnNames());
        assertEquals(ColumnType.LONG, one.type("status"));
        assertEquals(ColumnType.DOUBLE, one.type("latency_ms"));
        assertEquals(ColumnType.STRING, one.type("path"));
        assertEquals(ColumnType.LONG, one.type("bytes"));
        assertEquals(ColumnType.STRING, one.type("ok"));
        assertEquals(20_000, one.rowCount());
        // a plain computation of the expected per-status figures
        Map<Long, long[]> expected = new TreeMap<>();
        for (long[] r : rows) {
            long[] a = expected.computeIfAbsent(r[0], k -> new long[2]);
            a[0]++;
            a[1] += r[1];
        }
        try (TaskPool pool = Pools.threads(2)) {
            for (int n : new int[] {1, 2, 5, 33, 200}) {
                Frame f = Frame.readCsv(file, CsvOptions.defaults().chunks(n).pool(pool));
                assertEquals(one.toTable(Integer.MAX_VALUE), f.toTable(Integer.MAX_VALUE), "seed " + seed + ", " + n + " chunks");
                Frame g = f.groupBy("status").agg(Agg.count(), Agg.sum("latency_ms").as("total"), Agg.max("bytes"));
                assertEquals(expected.size(), g.rowCount());
                int i = 0;
                for (Map.Entry<Long, long[]> e : expected.entrySet()) {
                    assertEquals(Long.toString(e.getKey()), g.column("status").text(i));
                    assertEquals(Long.toString(e.getValue()[0]), g.column("count").text(i));
                    assertEquals(e.getValue()[1] / 10.0, Double.parseDouble(g.column("total").text(i)), 1e-6);
                    i++;
                }
            }
        }
        Frame quoted = one.filter(r -> r.getString("path").startsWith("/say"));
        assertTrue(quoted.rowCount() > 0);
        assertEquals("/say \"hi\"", quoted.column("path").text(0));
        assertEquals("/multi\nline", one.filter(r -> r.getString("path").contains("\n")).column("path").text(0));
        assertEquals("", one.filter(r -> r.getString("path").isEmpty()).column("path").text(0));
    }

    @Test
    void columnStatisticsFilterSelectAndPrinting() {
        Frame f = Frame.builder()
                .strings("city", new String[] {"Oslo", "Rome", "Oslo", "Lima"})
                .longs("n", new long[] {3, 5, 7, 9})
                .doubles("t", new double[] {-1.5, 20.0, 2.5, 18.0})
                .build();
        assertEquals(24.0, f.column("n").sum());
        assertEquals(6.0, f.column("n").mean());
        assertEquals(-1.5, f.column("t").min());
        assertEquals(20.0, f.column("t").max());
        assertEquals(4, f.column("city").count());
        Frame warm = f.filter(r -> r.getDouble("t") > 0).select("t", "city");
        assertEquals(List.of("t", "city"), warm.columnNames());
        assertEquals(3, warm.rowCount());
        Frame byCity = f.groupBy("city").agg(Agg.count(), Agg.mean("t"), Agg.min("n"));
        assertEquals("""
                city  count  mean(t)  min(n)
                Lima      1     18.0       9
                Oslo      2      0.5       3
                Rome      1     20.0       5
                [3 rows x 4 columns]""", byCity.toString());
        assertThrows(IllegalArgumentException.class, () -> f.column("nope"));
        assertThrows(IllegalStateException.class, () -> f.column("city").mean());
        assertThrows(IllegalArgumentException.class, () -> f.groupBy("city").agg(Agg.sum("nope")));
    }

    @Test
    void chunkMeansAsInTheSeed() {
        Frame df = Frame.of("A", LongStream.range(0, 1_000_000).toArray());
        try (TaskPool pool = Pools.threads(2)) {
            List<Double> results = df.chunks(100_000).map(pool, chunk -> chunk.column("A").mean());
            List<Double> expected = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                expected.add(i * 100_000 + 49_999.5);
            }
            assertEquals(expected, results);
        }
    }

    @Test
    void aMalformedRowNamesFileLineAndColumnOrIsSkippedAndCounted() throws IOException {
        StringBuilder sb = new StringBuilder("station,temperature,count\n");
        for (int i = 0; i < 5_000; i++) {
            sb.append("s").append(i % 7).append(',').append(i % 100).append(".5,").append(i).append('\n');
        }
        String good = sb.toString();
        assertCsvError(good + "Oslo,abc,1\n" + good.substring(good.indexOf('\n') + 1), 5002, 2, "temperature",
                "\"abc\" is not a number");
        assertCsvError(good + "Oslo,1.5\n", 5002, 2, "temperature", "expected 3 fields, found 2");
        assertCsvError(good + "Oslo,1.5,3,4\n", 5002, 4, null, "expected 3 fields, found more");
        assertCsvError(good + "\"Oslo,1.5,3\n", 5002, 1, "station", "a quoted field is not closed");
        assertCsvError(good + "Os\"lo,1.5,3\n", 5002, 1, "station", "a quote inside an unquoted field");
        assertCsvError(good + "Oslo,1.5,2.5\n", 5002, 3, "count", "\"2.5\" is not an integer");
    }

    private void assertCsvError(String text, long line, int column, String name, String problem) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.csv"), text, StandardCharsets.UTF_8);
        for (int n : new int[] {1, 4}) {
            MalformedRowException e = assertThrows(MalformedRowException.class,
                    () -> Frame.readCsv(file, CsvOptions.defaults().chunks(n)));
            assertEquals(line, e.line(), e.getMessage());
            assertEquals(column, e.column(), e.getMessage());
            String where = file + ":" + line + ": column " + column + (name == null ? "" : " (" + name + ")");
            assertTrue(e.getMessage().startsWith(where), e.getMessage());
            assertTrue(e.getMessage().contains(problem), e.getMessage());
        }
        Frame skipped = Frame.readCsv(file, CsvOptions.defaults().chunks(3).onMalformed(OnMalformed.SKIP));
        assertEquals(1, skipped.skippedRows());
        assertEquals(text.split("\n").length - 2, skipped.rowCount());
    }

    @Test
    void optionsAreCheckedAtOnce() throws IOException {
        Path file = Files.writeString(dir.resolve("x.csv"), "a;b\n1;2\n");
        assertThrows(IllegalArgumentException.class, () -> CsvOptions.defaults().delimiter('"'));
        assertThrows(IllegalArgumentException.class, () -> CsvOptions.defaults().names("a", "a"));
        assertThrows(IllegalArgumentException.class,
                () -> Frame.readCsv(file, CsvOptions.defaults().delimiter(';').type("c", ColumnType.LONG)));
        Frame f = Frame.readCsv(file, CsvOptions.defaults().delimiter(';').type("b", ColumnType.DOUBLE));
        assertEquals(ColumnType.LONG, f.type("a"));
        assertEquals(ColumnType.DOUBLE, f.type("b"));
    }
}
