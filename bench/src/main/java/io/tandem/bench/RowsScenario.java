package io.tandem.bench;

import io.tandem.Pools;
import io.tandem.TaskPool;
import io.tandem.bench.rows.RowsFile;
import io.tandem.data.Agg;
import io.tandem.data.Chunks;
import io.tandem.data.ColumnType;
import io.tandem.data.CsvOptions;
import io.tandem.data.FileChunks;
import io.tandem.data.Frame;
import io.tandem.data.KeyedStats;
import io.tandem.process.ProcessPool;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * The One Billion Row Challenge's shape: min/mean/max temperature per station over N {@code station;temperature}
 * lines in one file ({@link RowsFile}: generated once into a cache directory, reused, in the page cache after
 * the first run). Every model returns the same digest ({@code N keys, R rows, crc32 X} of the challenge's
 * {@code {station=min/mean/max, ...}} output, means rounded half up from exact sums), checked against the
 * generator's own figures.
 *
 * <p>Models: {@code direct}, {@code threads} and {@code process} run {@link Chunks#of(Path)} +
 * {@link KeyedStats#parse} (memory-mapped chunks, 8 bytes at a time, one open-addressing table per chunk)
 * on {@code Pools.direct()}, {@code Pools.threads()}, {@code Pools.virtual()} and a warm {@link ProcessPool} (each worker maps its own
 * range: no byte is copied); {@code frame} is the general path, {@code Frame.readCsv} then
 * {@code groupBy("station").agg(min, sum, count, max)}; {@code duckdb} is DuckDB's {@code read_csv} +
 * {@code GROUP BY} through JDBC with as many threads as cores (the driver is loaded from the local Maven
 * repository, never shipped); {@code py-pool} and {@code py-sequential} are the seed's stdlib Python
 * ({@code bench/python/rows.py}).
 */
final class RowsScenario implements Scenario {
    private final WarmProcessPool processes = new WarmProcessPool(() -> ProcessPool.create(Workloads.cores()));
    private RowsFile file;

    @Override
    public String name() {
        return "rows";
    }

    @Override
    public String description() {
        return "min/mean/max per station over N station;temperature lines in one file (the One Billion Row Challenge)";
    }

    @Override
    public String unit() {
        return "rows";
    }

    @Override
    public int size(Mode mode) {
        return mode == Mode.QUICK ? 10_000_000 : 200_000_000;
    }

    /** One run reads the whole file (seconds at full size): five timed runs are plenty. */
    @Override
    public int maxRuns() {
        return 5;
    }

    @Override
    public List<Model> models() {
        return List.of(Model.DIRECT, Model.THREADS, Model.VIRTUAL, Model.PROCESS, Model.FRAME, Model.DUCKDB, Model.PY_SEQUENTIAL, Model.PY_POOL);
    }

    @Override
    public Object expected(int size) {
        try {
            return file(size).digest();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private synchronized RowsFile file(int size) throws IOException {
        if (file == null || !file.path().getFileName().toString().equals("rows-v1-" + size + ".txt")) {
            file = RowsFile.of(size);
        }
        return file;
    }

    @Override
    public String pythonScript() {
        return "rows.py";
    }

    @Override
    public Map<String, String> pythonEnv(int size) throws Exception {
        return Map.of("TANDEM_ROWS_FILE", file(size).path().toString());
    }

    @Override
    public Object run(Model model, int size) throws Exception {
        Path path = file(size).path();
        return switch (model.id()) {
            case "direct" -> stats(Pools.direct(), path, true);
            case "threads" -> stats(Pools.threads(), path, true);
            case "virtual" -> stats(Pools.virtual(), path, true);
            case "process" -> stats(processes.get(), path, false);
            case "frame" -> frame(path);
            case "duckdb" -> duckdb(path);
            default -> throw new UnsupportedOperationException(name() + " has no Java model " + model.id());
        };
    }

    private static String stats(TaskPool pool, Path path, boolean close) throws IOException {
        try (FileChunks chunks = Chunks.of(path)) {
            return chunks.mapReduce(pool, c -> KeyedStats.parse(c, ';'), KeyedStats::merge).digest();
        } finally {
            if (close) {
                pool.close();
            }
        }
    }

    private static String frame(Path path) throws IOException {
        Frame rows = Frame.readCsv(path, CsvOptions.defaults().delimiter(';').header(false)
                .names("station", "temperature").type("station", ColumnType.STRING).type("temperature", ColumnType.DOUBLE));
        Frame g = rows.groupBy("station").agg(Agg.min("temperature"), Agg.sum("temperature"), Agg.count(),
                Agg.max("temperature"));
        Map<String, long[]> out = new TreeMap<>();
        for (long i = 0; i < g.rowCount(); i++) {
            // doubles of one decimal: x10 and rounded they are the exact tenths (the sum's error is far below 0.05)
            out.put(g.column("station").text(i), new long[] {
                    Math.round(Double.parseDouble(g.column("min(temperature)").text(i)) * 10),
                    Math.round(Double.parseDouble(g.column("sum(temperature)").text(i)) * 10),
                    Long.parseLong(g.column("count").text(i)),
                    Math.round(Double.parseDouble(g.column("max(temperature)").text(i)) * 10)});
        }
        return digest(out);
    }

    private static String duckdb(Path path) throws Exception {
        Driver driver = DuckDb.driver();
        try (Connection c = driver.connect("jdbc:duckdb:", new Properties()); Statement s = c.createStatement()) {
            s.execute("SET threads TO " + Workloads.cores());
            String sql = "SELECT station, min(temperature), sum(temperature), count(*), max(temperature) FROM read_csv('"
                    + path.toString().replace("'", "''") + "', delim=';', header=false, quote='', escape='', "
                    + "columns={'station': 'VARCHAR', 'temperature': 'DECIMAL(3,1)'}) GROUP BY station";
            Map<String, long[]> out = new TreeMap<>();
            try (ResultSet r = s.executeQuery(sql)) {
                while (r.next()) {
                    out.put(r.getString(1), new long[] {tenths(r.getBigDecimal(2)), tenths(r.getBigDecimal(3)),
                            r.getLong(4), tenths(r.getBigDecimal(5))});
                }
            }
            return digest(out);
        }
    }

    private static long tenths(BigDecimal d) {
        return d.movePointRight(1).longValueExact();
    }

    /** {min, sum, count, max} in tenths per station to the digest every model returns. */
    static String digest(Map<String, long[]> byStation) {
        StringBuilder sb = new StringBuilder("{");
        long rows = 0;
        for (Map.Entry<String, long[]> e : byStation.entrySet()) {
            long[] a = e.getValue();
            rows += a[2];
            sb.append(sb.length() > 1 ? ", " : "").append(e.getKey()).append('=').append(BigDecimal.valueOf(a[0], 1))
                    .append('/').append(BigDecimal.valueOf(Math.floorDiv(2 * a[1] + a[2], 2 * a[2]), 1)).append('/')
                    .append(BigDecimal.valueOf(a[3], 1));
        }
        CRC32 crc = new CRC32();
        crc.update(sb.append('}').toString().getBytes(StandardCharsets.UTF_8));
        return String.format(Locale.ROOT, "%d keys, %d rows, crc32 %08x", byStation.size(), rows, crc.getValue());
    }

    @Override
    public void release(Model model) {
        processes.close();
    }

    /** The DuckDB JDBC driver, loaded once from the jar the build resolved (or -Dtandem.duckdb.jar). */
    static final class DuckDb {
        private static Driver driver;

        static synchronized Driver driver() throws Exception {
            if (driver == null) {
                Path jar = jar();
                // never closed: the driver's native library stays loaded for the JVM's life
                URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, RowsScenario.class.getClassLoader());
                driver = (Driver) Class.forName("org.duckdb.DuckDBDriver", true, loader).getDeclaredConstructor().newInstance();
            }
            return driver;
        }

        static Path jar() throws IOException {
            String prop = System.getProperty("tandem.duckdb.jar");
            if (prop != null && !prop.isBlank()) {
                return existing(Path.of(prop), "-Dtandem.duckdb.jar");
            }
            Properties p = new Properties();
            try (InputStream in = RowsScenario.class.getResourceAsStream("rows/duckdb.properties")) {
                if (in == null) {
                    throw new IOException("bench resource io/tandem/bench/rows/duckdb.properties is missing: rebuild the bench module");
                }
                p.load(in);
            }
            return existing(Path.of(p.getProperty("jar")), "the build's local Maven repository");
        }

        private static Path existing(Path jar, String from) throws IOException {
            if (!Files.isRegularFile(jar)) {
                throw new IOException("DuckDB's JDBC driver is not at " + jar + " (from " + from + "): build the bench with "
                        + "./mvnw (it fetches org.duckdb:duckdb_jdbc) or pass -Dtandem.duckdb.jar=PATH");
            }
            return jar;
        }
    }
}
