package io.tandem.benchmarks.io;

import io.tandem.io.Database;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * 1,000 concurrent short queries (primary-key lookups on H2 in memory) through 10 connections:
 * Tandem's {@code Database.concurrently} (1,000 virtual threads sharing a HikariCP pool of 10) against a
 * hand-written loop of 10 platform threads, each with its own JDBC connection, splitting the same
 * queries. Each side runs {@code rounds} batches; the median batch time is reported. The Tandem runs are
 * recorded with JFR and {@code jdk.VirtualThreadPinned} events (threshold 0) are counted.
 *
 * <p>Usage: {@code DbBench [queries=1000] [rounds=200]}.
 */
public final class DbBench {
    private static final String SQL = "SELECT name FROM users WHERE id = ?";

    private DbBench() {
    }

    public static void main(String[] args) throws Exception {
        int queries = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        String url = "jdbc:h2:mem:dbbench;DB_CLOSE_DELAY=-1";
        List<Integer> ids = IntStream.range(0, queries).map(i -> i % 1000).boxed().toList();
        try (Database db = Database.builder(url).poolSize(10).build()) {
            db.update("CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(50))");
            db.batch("INSERT INTO users VALUES (?, ?)", IntStream.range(0, 1000).mapToObj(i -> List.<Object>of(i, "user" + i)).toList());

            double[] tandem = new double[rounds];
            double[] jdbc = new double[rounds];
            double[] tandemPool = new double[rounds];
            long pinned;
            Path jfr = Files.createTempFile("dbbench", ".jfr");
            try (ExecutorService fixed = Executors.newFixedThreadPool(10);
                 Recording rec = new Recording()) {
                List<Connection> conns = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    conns.add(DriverManager.getConnection(url));
                }
                rec.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
                for (int r = -20; r < rounds; r++) {     // 20 warm-up rounds each, interleaved
                    if (r == 0) {
                        rec.start();   // after warm-up: first-use class initialisation pins (a JDK limit), once
                    }
                    long t0 = System.nanoTime();
                    List<String> a = db.concurrently(ids, queries, id ->
                            db.queryOne(SQL, rs -> rs.getString(1), id).orElseThrow());
                    long t1 = System.nanoTime();
                    int b = fixedLoop(fixed, conns, ids);
                    long t2 = System.nanoTime();
                    List<String> c = db.concurrently(ids, db.poolSize(), id ->
                            db.queryOne(SQL, rs -> rs.getString(1), id).orElseThrow());
                    long t3 = System.nanoTime();
                    if (a.size() != queries || b != queries || c.size() != queries) {
                        throw new IllegalStateException("wrong counts " + a.size() + " " + b);
                    }
                    if (r >= 0) {
                        tandem[r] = (t1 - t0) / 1e6;
                        jdbc[r] = (t2 - t1) / 1e6;
                        tandemPool[r] = (t3 - t2) / 1e6;
                    }
                }
                rec.stop();
                rec.dump(jfr);
                var events = RecordingFile.readAllEvents(jfr).stream()
                        .filter(e -> e.getEventType().getName().equals("jdk.VirtualThreadPinned")).toList();
                pinned = events.size();
                if (!events.isEmpty() && Boolean.getBoolean("dbbench.showPinned")) {
                    System.out.println("first pinned event: " + events.getFirst());
                }
                for (Connection c : conns) {
                    c.close();
                }
            } finally {
                Files.deleteIfExists(jfr);
            }
            double t = median(tandem);
            double j = median(jdbc);
            System.out.printf("%d queries per batch, pool of 10, %d rounds, median batch time; %d CPUs%n",
                    queries, rounds, Runtime.getRuntime().availableProcessors());
            System.out.printf("%-58s %8.2f ms  %9.0f queries/s%n", "Tandem Database.concurrently (limit " + queries + ", Hikari 10)", t, queries / t * 1000);
            double tp = median(tandemPool);
            System.out.printf("%-58s %8.2f ms  %9.0f queries/s%n", "Tandem Database.concurrently (limit = pool size, 10 VTs)", tp, queries / tp * 1000);
            System.out.printf("%-58s %8.2f ms  %9.0f queries/s%n", "hand-written JDBC: 10 platform threads, 10 connections", j, queries / j * 1000);
            System.out.printf("Tandem time / JDBC loop time: %.2fx with limit 1000, %.2fx with limit = pool size (target <= 1.2x); "
                    + "jdk.VirtualThreadPinned events after warm-up: %d%n", t / j, tp / j, pinned);
        }
    }

    /** 10 threads, each with its own connection, taking query ids from a shared counter. */
    private static int fixedLoop(ExecutorService fixed, List<Connection> conns, List<Integer> ids) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Future<Integer>> fs = new ArrayList<>();
        for (Connection c : conns) {
            fs.add(fixed.submit(() -> {
                int done = 0;
                for (int i; (i = next.getAndIncrement()) < ids.size(); ) {
                    try (PreparedStatement ps = c.prepareStatement(SQL)) {
                        ps.setObject(1, ids.get(i));
                        try (ResultSet rs = ps.executeQuery()) {
                            if (rs.next()) {
                                rs.getString(1);
                                done++;
                            }
                        }
                    }
                }
                return done;
            }));
        }
        int total = 0;
        for (Future<Integer> f : fs) {
            total += f.get();
        }
        return total;
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
