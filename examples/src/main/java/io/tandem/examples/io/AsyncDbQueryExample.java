package io.tandem.examples.io;

import io.tandem.io.Database;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Seed 000, "Asynchronous Database Queries with aiomysql": a connection pool, {@code fetch_data(pool)}
 * running {@code SELECT * FROM users}, and (going past the seed) many such queries at once through a
 * pool of 10 connections. H2 in memory stands in for MySQL, so the example needs no server.
 */
public final class AsyncDbQueryExample {
    private AsyncDbQueryExample() {
    }

    static List<Map<String, Object>> fetchData(Database pool) {
        return pool.queryMaps("SELECT * FROM users ORDER BY id");
    }

    public static void run(PrintStream out) throws Exception {
        try (Database pool = Database.inMemory()) {
            pool.update("CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(50), email VARCHAR(100))");
            pool.batch("INSERT INTO users VALUES (?, ?, ?)", List.of(
                    List.of(1, "Ada", "ada@example.com"),
                    List.of(2, "Linus", "linus@example.com"),
                    List.of(3, "Grace", "grace@example.com")));
            out.println(fetchData(pool));

            List<Integer> ids = IntStream.range(0, 1000).map(i -> 1 + i % 3).boxed().toList();
            long t0 = System.nanoTime();
            List<String> names = pool.concurrently(ids, 100, id -> pool.queryOne(
                    "SELECT name FROM users WHERE id = ?", rs -> rs.getString(1), id).orElseThrow());
            out.printf("%d concurrent queries through %d connections in %d ms; first three: %s%n", names.size(),
                    pool.poolSize(), (System.nanoTime() - t0) / 1_000_000, names.subList(0, 3));
        }
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }
}
