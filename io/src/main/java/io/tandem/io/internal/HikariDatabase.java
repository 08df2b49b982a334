package io.tandem.io.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tandem.Pools;
import io.tandem.TaskPool;
import io.tandem.io.Database;
import io.tandem.io.DatabaseException;
import io.tandem.io.RowMapper;
import io.tandem.io.Sql;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/** {@link Database} on a HikariCP pool whose housekeeping threads are virtual. */
public final class HikariDatabase implements Database {
    private static final AtomicInteger PRIVATE_H2 = new AtomicInteger();
    private static final String PRIVATE_H2_PREFIX = "jdbc:h2:mem:tandem-private-";
    // HikariCP logs pool start/stop at INFO; keep a strong reference so the quieter level sticks.
    private static final Logger HIKARI_LOG = Logger.getLogger("com.zaxxer.hikari");

    static {
        if (HIKARI_LOG.getLevel() == null && System.getProperty("java.util.logging.config.file") == null) {
            HIKARI_LOG.setLevel(Level.WARNING);
        }
    }

    private final String url;
    private final HikariDataSource pool;

    public static String privateH2Url() {
        return PRIVATE_H2_PREFIX + PRIVATE_H2.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
    }

    public HikariDatabase(String url, String user, String password, int poolSize, Duration connectionTimeout,
                          String name, Map<String, String> properties) {
        this.url = url;
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url);
        if (user != null) {
            c.setUsername(user);
        }
        if (password != null) {
            c.setPassword(password);
        }
        c.setMaximumPoolSize(poolSize);
        c.setMinimumIdle(poolSize);
        c.setConnectionTimeout(connectionTimeout.toMillis());
        c.setPoolName(name);
        c.setThreadFactory(Thread.ofVirtual().name(name + "-housekeeping-", 0).factory());
        properties.forEach(c::addDataSourceProperty);
        try {
            this.pool = new HikariDataSource(c);
        } catch (RuntimeException e) {
            throw new DatabaseException("cannot open a connection pool to " + url + ": " + rootMessage(e), null, e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }

    @FunctionalInterface
    private interface ConnectionWork<T> {
        T apply(Connection c) throws SQLException;
    }

    private <T> T withConnection(String sql, ConnectionWork<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.apply(c);
        } catch (SQLException e) {
            throw fail(sql, e);
        }
    }

    private DatabaseException fail(String sql, SQLException e) {
        String what = sql == null ? "database operation" : "SQL [" + sql + "]";
        return new DatabaseException(what + " failed on " + pool.getPoolName() + " (" + url + "): " + e.getMessage(), sql, e);
    }

    // ---- statements on a given connection (shared by Database and transactions) ----

    static void bind(PreparedStatement ps, List<?> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }

    static <T> List<T> query(Connection c, String sql, RowMapper<T> mapper, Object[] params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params == null ? List.of() : java.util.Arrays.asList(params));
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        }
    }

    static <T> Optional<T> queryOne(Connection c, String sql, RowMapper<T> mapper, Object[] params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setMaxRows(1);
            bind(ps, params == null ? List.of() : java.util.Arrays.asList(params));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(mapper.map(rs)) : Optional.empty();
            }
        }
    }

    static int update(Connection c, String sql, Object[] params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params == null ? List.of() : java.util.Arrays.asList(params));
            return ps.executeUpdate();
        }
    }

    static int[] batch(Connection c, String sql, List<? extends List<?>> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (List<?> row : rows) {
                bind(ps, Objects.requireNonNull(row, "batch row"));
                ps.addBatch();
            }
            return ps.executeBatch();
        }
    }

    private static void check(String sql, Object mapper) {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(mapper, "mapper");
    }

    @Override
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        check(sql, mapper);
        return withConnection(sql, c -> query(c, sql, mapper, params));
    }

    @Override
    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) {
        check(sql, mapper);
        return withConnection(sql, c -> queryOne(c, sql, mapper, params));
    }

    @Override
    public int update(String sql, Object... params) {
        Objects.requireNonNull(sql, "sql");
        return withConnection(sql, c -> update(c, sql, params));
    }

    @Override
    public int[] batch(String sql, List<? extends List<?>> rows) {
        check(sql, rows);
        return withConnection(sql, c -> batch(c, sql, rows));
    }

    @Override
    public <T> T transaction(TransactionBody<T> body) {
        Objects.requireNonNull(body, "body");
        try (Connection c = pool.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            Tx tx = new Tx(c);
            try {
                T result = body.run(tx);
                c.commit();
                return result;
            } catch (Throwable e) {
                try {
                    c.rollback();
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                if (e instanceof RuntimeException || e instanceof Error) {
                    throw e;
                }
                if (e instanceof SQLException sqlEx) {
                    throw fail(null, sqlEx);
                }
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw new DatabaseException("transaction on " + pool.getPoolName() + " rolled back: " + e, null, e);
            } finally {
                tx.closed = true;
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw fail(null, e);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new DatabaseException("transaction failed: " + e, null, e);
        }
    }

    /** The {@link Sql} of one transaction: every call on its connection; dead once the body returns. */
    private final class Tx implements Sql {
        private final Connection c;
        private volatile boolean closed;

        Tx(Connection c) {
            this.c = c;
        }

        private <T> T on(String sql, ConnectionWork<T> work) {
            if (closed) {
                throw new IllegalStateException("this transaction has ended; use the Sql only inside its body");
            }
            try {
                return work.apply(c);
            } catch (SQLException e) {
                throw fail(sql, e);
            }
        }

        @Override
        public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
            check(sql, mapper);
            return on(sql, conn -> HikariDatabase.query(conn, sql, mapper, params));
        }

        @Override
        public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) {
            check(sql, mapper);
            return on(sql, conn -> HikariDatabase.queryOne(conn, sql, mapper, params));
        }

        @Override
        public int update(String sql, Object... params) {
            Objects.requireNonNull(sql, "sql");
            return on(sql, conn -> HikariDatabase.update(conn, sql, params));
        }

        @Override
        public int[] batch(String sql, List<? extends List<?>> rows) {
            check(sql, rows);
            return on(sql, conn -> HikariDatabase.batch(conn, sql, rows));
        }
    }

    @Override
    public <I, R> List<R> concurrently(Collection<? extends I> inputs, int limit, SqlFunction<? super I, ? extends R> fn) {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(fn, "fn");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        List<I> items = new ArrayList<>(inputs);
        try (TaskPool pool = Pools.builder().name(this.pool.getPoolName() + "-queries").virtual(limit)) {
            return pool.map(item -> {
                try {
                    return fn.apply(item);
                } catch (RuntimeException e) {
                    throw e;
                } catch (SQLException e) {
                    throw fail(null, e);
                } catch (Exception e) {
                    throw new DatabaseException("query function failed: " + e, null, e);
                }
            }, items, 1);
        }
    }

    @Override
    public DataSource dataSource() {
        return pool;
    }

    @Override
    public int poolSize() {
        return pool.getMaximumPoolSize();
    }

    @Override
    public void close() {
        if (pool.isClosed()) {
            return;
        }
        if (url.startsWith(PRIVATE_H2_PREFIX)) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (SQLException e) {
                // the pool closes below anyway; a private in-memory database that refuses SHUTDOWN is gone with the JVM
            }
        }
        pool.close();
    }

    @Override
    public String toString() {
        var mx = pool.getHikariPoolMXBean();
        return "Database[" + pool.getPoolName() + ", " + url + (mx == null ? "" : ", active=" + mx.getActiveConnections()
                + ", idle=" + mx.getIdleConnections() + ", waiting=" + mx.getThreadsAwaitingConnection()) + "]";
    }
}
