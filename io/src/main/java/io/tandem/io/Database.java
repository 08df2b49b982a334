package io.tandem.io;

import io.tandem.function.ThrowingFunction;
import io.tandem.io.internal.HikariDatabase;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pooled database used from virtual threads: the seeds' {@code aiomysql.create_pool} and
 * {@code fetch_data(pool)}, with plain blocking JDBC. HikariCP holds the connections; H2 embedded is
 * the default database ({@link #inMemory()}, or any {@code jdbc:h2:} file or memory URL), and any JDBC
 * driver on the class path works (PostgreSQL is tested for real).
 *
 * {@snippet :
 * try (Database db = Database.inMemory()) {
 *     db.update("CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(50))");
 *     db.batch("INSERT INTO users VALUES (?, ?)", List.of(List.of(1, "ada"), List.of(2, "linus")));
 *     List<String> names = db.query("SELECT name FROM users ORDER BY id", rs -> rs.getString(1));
 *     long total = db.transaction(tx -> {
 *         tx.update("UPDATE users SET name = ? WHERE id = ?", "grace", 1);
 *         return tx.queryOne("SELECT COUNT(*) FROM users", RowMapper.column(1, Long.class)).orElseThrow();
 *     });
 *     List<Integer> lengths = db.concurrently(List.of(1, 2), 10,
 *             id -> db.queryOne("SELECT name FROM users WHERE id = ?", rs -> rs.getString(1), id).orElseThrow().length());
 * }
 * }
 *
 * <h2>Threads and blocking</h2>
 * Every method may be called from any thread, and is meant to be called from many virtual threads at
 * once: each call borrows a connection for its duration and blocks (unmounting its virtual thread)
 * while waiting for one, for at most {@link Builder#connectionTimeout}, after which it throws a
 * {@link DatabaseException} whose message carries the pool's state. On JDK 24+ the {@code synchronized}
 * blocks in drivers no longer pin carrier threads (JEP 491); the tests check H2 and PostgreSQL for
 * {@code jdk.VirtualThreadPinned} events.
 *
 * <h2>Transactions</h2>
 * {@link #transaction} runs its body on one connection with auto-commit off: it commits when the body
 * returns and rolls back when it throws (the exception propagates, a checked one wrapped in
 * {@link DatabaseException}). The {@link Sql} handed to the body must not escape it.
 *
 * <h2>Memory consistency effects</h2>
 * Those of the database: a committed write is visible to statements that start after the commit.
 */
public interface Database extends Sql, AutoCloseable {

    /** A private in-memory H2 database (dropped when this {@code Database} closes). */
    static Database inMemory() {
        return builder(HikariDatabase.privateH2Url()).build();
    }

    /** A pool of 10 connections to {@code jdbcUrl} (for example {@code jdbc:h2:./data/app}). */
    static Database open(String jdbcUrl) {
        return builder(jdbcUrl).build();
    }

    /** A pool of 10 connections to {@code jdbcUrl} with a user and password. */
    static Database open(String jdbcUrl, String user, String password) {
        return builder(jdbcUrl).user(user).password(password).build();
    }

    static Builder builder(String jdbcUrl) {
        return new Builder(jdbcUrl);
    }

    /**
     * Runs {@code body} in a transaction: its statements go through the {@link Sql} it is given, its
     * result is returned after the commit, and any exception it throws rolls back; see the class
     * description.
     */
    <T> T transaction(ThrowingFunction<? super Sql, ? extends T> body);

    /**
     * Applies {@code fn} (which may run statements through this {@code Database}, and throw) to every
     * input concurrently on virtual threads (the seed's many {@code fetch_data(pool)} calls under
     * {@code gather}); returns results in input order. At most {@code min(limit, poolSize())} calls run at
     * once: each worker, a task of a {@link io.tandem.Scope} that the call closes before it returns, holds
     * one pooled connection while it works through inputs, and the statements {@code fn} runs through this
     * {@code Database} (including {@link #transaction}) use that connection instead of borrowing one per
     * statement.
     *
     * @throws io.tandem.ItemFailedException the first failure, naming the input's index; the rest is
     *                                       cancelled (running calls are interrupted and waited for)
     * @throws java.util.concurrent.CancellationException if the caller is interrupted (the flag is set again)
     */
    <I, R> List<R> concurrently(Collection<? extends I> inputs, int limit, ThrowingFunction<? super I, ? extends R> fn);

    /** The underlying pooled {@link DataSource}, for code that wants JDBC directly. */
    DataSource dataSource();

    /** The most connections the pool holds. */
    int poolSize();

    /**
     * Closes every connection (an in-memory database from {@link #inMemory()} is dropped). Idempotent; any
     * thread may call it.
     *
     * <p>It never waits for a busy connection to come back: idle connections are closed, connections still
     * in use are aborted ({@link java.sql.Connection#abort}), and it returns (in well under a second when
     * the database answers; HikariCP gives up on connections that refuse to abort after 10 s). What was in
     * flight fails: a statement running on an aborted connection throws a {@link DatabaseException}, a
     * transaction not yet committed is rolled back by the database (never committed), and calls that start
     * or are waiting for a connection get a {@link DatabaseException} saying the database is closed (within
     * 100 ms for a waiting one).
     */
    @Override
    void close();

    /**
     * Configures a {@link Database}: every setter checks its argument. Not thread-safe; the database it
     * builds is.
     */
    final class Builder {
        private static final AtomicInteger POOLS = new AtomicInteger();
        private final String url;
        private String user;
        private String password;
        private int poolSize = 10;
        private Duration connectionTimeout = Duration.ofSeconds(30);
        private String name;
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder(String url) {
            Objects.requireNonNull(url, "jdbcUrl");
            if (!url.startsWith("jdbc:")) {
                throw new IllegalArgumentException("a JDBC URL starts with 'jdbc:', got '" + url
                        + "'; for example jdbc:h2:mem:app or jdbc:postgresql://localhost/app");
            }
            this.url = url;
        }

        public Builder user(String user) {
            this.user = Objects.requireNonNull(user, "user");
            return this;
        }

        public Builder password(String password) {
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** The most connections open at once (default 10). */
        public Builder poolSize(int poolSize) {
            if (poolSize < 1) {
                throw new IllegalArgumentException("poolSize must be at least 1, got " + poolSize);
            }
            this.poolSize = poolSize;
            return this;
        }

        /** How long a caller waits for a free connection before failing (default 30 s, at least 250 ms). */
        public Builder connectionTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "connectionTimeout");
            if (timeout.toMillis() < 250) {
                throw new IllegalArgumentException("connectionTimeout must be at least 250 ms (HikariCP's floor), got " + timeout);
            }
            this.connectionTimeout = timeout;
            return this;
        }

        /** The pool's name in logs and errors (default {@code tandem-db-N}). */
        public Builder name(String name) {
            Objects.requireNonNull(name, "name");
            this.name = name;
            return this;
        }

        /** A driver property (for example {@code prepareThreshold} for PostgreSQL). */
        public Builder property(String key, String value) {
            properties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Opens the pool and checks that a connection can be made.
         *
         * @throws DatabaseException if the database cannot be reached (the message says which URL)
         */
        public Database build() {
            return new HikariDatabase(url, user, password, poolSize, connectionTimeout,
                    name != null ? name : "tandem-db-" + POOLS.incrementAndGet(), Map.copyOf(properties));
        }
    }
}
