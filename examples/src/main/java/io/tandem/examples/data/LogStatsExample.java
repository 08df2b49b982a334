package io.tandem.examples.data;

import io.tandem.Pools;
import io.tandem.TaskPool;
import io.tandem.data.Agg;
import io.tandem.data.CsvOptions;
import io.tandem.data.Frame;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The data people's everyday chunked job: a web server's access log (CSV: time, status, latency, path)
 * aggregated in parallel chunks: requests per status and their mean latency, then the slow requests.
 * The log (200,000 lines) is generated into a temporary directory, which is deleted at the end.
 *
 * <p>{@link Frame#readCsv} maps the file, cuts it into newline-aligned chunks and parses them on the pool in
 * parallel into typed columns; {@code groupBy("status").agg(...)} aggregates part by part and merges.
 */
public final class LogStatsExample {
    static final int LINES = 200_000;

    private LogStatsExample() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** Runs the example, printing on {@code out}. */
    public static void run(PrintStream out) throws Exception {
        Path dir = Files.createTempDirectory("log-stats-");
        try {
            Path log = writeLog(dir.resolve("access.csv"));
            try (TaskPool pool = Pools.threads()) {
                Frame requests = Frame.readCsv(log, CsvOptions.defaults().pool(pool));
                out.println("Read " + requests.rowCount() + " requests, columns " + requests.columnNames());
                Frame perStatus = requests.groupBy("status")
                        .agg(Agg.count().as("requests"), Agg.mean("latency_ms").as("mean_latency_ms"));
                out.println(perStatus);
                Frame slow = requests.filter(r -> r.getDouble("latency_ms") > 900).select("status", "path", "latency_ms");
                out.printf(Locale.ROOT, "%d requests slower than 900 ms, mean %.1f ms%n", slow.rowCount(),
                        slow.column("latency_ms").mean());
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    /** A deterministic access log: mostly 200s, some 404s, a few slow 500s. */
    static Path writeLog(Path file) throws IOException {
        SplittableRandom rnd = new SplittableRandom(2024);
        String[] paths = {"/", "/index.html", "/api/items", "/api/items/42", "/login", "/search?q=a,b"};
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("time,status,latency_ms,path\n");
            for (int i = 0; i < LINES; i++) {
                int roll = rnd.nextInt(100);
                int status = roll < 85 ? 200 : roll < 95 ? 404 : roll < 98 ? 301 : 500;
                double latency = status == 500 ? 400 + rnd.nextInt(6000) / 10.0 : 5 + rnd.nextInt(2000) / 10.0;
                String path = paths[rnd.nextInt(paths.length)];
                w.write(String.format(Locale.ROOT, "2024-06-01T12:%02d:%02d,%d,%.1f,%s%n", i / 3600 % 60, i / 60 % 60,
                        status, latency, path.contains(",") ? "\"" + path + "\"" : path));
            }
        }
        return file;
    }
}
