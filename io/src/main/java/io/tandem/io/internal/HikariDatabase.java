package io.tandem.io.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tandem.ItemFailedException;
import io.tandem.Scope;
import io.tandem.ScopeFailedException;
import io.tandem.function.ThrowingFunction;
import io.tandem.limit.Limiter;
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
import java.util.concurrent.CancellationException;
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
    /*
     * At most poolSize borrowers reach HikariCP at once; the rest park here. With a thousand virtual
     * threads asking a pool of ten, HikariCP's hand-off path (waiter counting, a SynchronousQueue and a
     * yield/park spin in requite) costs about 3x the query itself; a plain semaphore (core's Limiter)
     * parks and wakes virtual threads cheaply and keeps HikariCP on its uncontended fast path.
     */
    private final Limiter gate;
    private final Duration connectionTimeout;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    /** How often a caller waiting for a connection checks whether the database closed. */
    private static final Duration CLOSE_CHECK = Duration.ofMillis(100);

    public static String privateH2Url() {
        return PRIVATE_H2_PREFIX + PRIVATE_H2.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
    }

    public HikariDatabase(String url, String user, String password, int poolSize, Duration connectionTimeout,
                          String name, Map<String, String> properties) {
        this.url = url;
        this.gate = Limiter.of(poolSize);
        this.connectionTimeout = connectionTimeout;
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

    /** The connection a {@link #concurrently} worker holds, reused by the statements its function runs. */
    private static final ScopedValue<Bound> BOUND = ScopedValue.newInstance();

    private record Bound(HikariDatabase db, Connection connection) {
    }

    private Connection bound() {
        if (BOUND.isBound()) {
            Bound b = BOUND.get();
            if (b.db() == this) {
                return b.connection();
            }
        }
        return null;
    }

    private <T> T withConnection(String sql, ConnectionWork<T> work) {
        Connection held = bound();
        if (held != null) {
            try {
                return work.apply(held);
            } catch (SQLException e) {
                throw fail(sql, e);
            }
        }
        try (Limiter.Permit turn = enter(sql); Connection c = pool.getConnection()) {
            return work.apply(c);
        } catch (SQLException e) {
            throw fail(sql, e);
        }
    }

    /**
     * Waits for a turn at the pool, at most the connection timeout; closing the permit ends the turn. Waits
     * in slices so that a caller parked here when the database closes fails within one slice, not after the
     * whole connection timeout.
     */
    private Limiter.Permit enter(String sql) {
        long deadline = System.nanoTime() + connectionTimeout.toNanos();
        Limiter.Permit turn = null;
        try {
            while (turn == null) {
                checkOpen(sql);
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                turn = gate.tryAcquire(Duration.ofNanos(Math.min(left, CLOSE_CHECK.toNanos())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseException("interrupted while waiting for a connection of " + this, sql, e);
        }
        if (turn == null) {
            throw new DatabaseException("no connection of " + this + " became free within "
                    + connectionTimeout + (sql == null ? "" : " for SQL [" + sql + "]")
                    + "; raise poolSize or connectionTimeout, or hold connections for less time", sql, null);
        }
        if (closed.get()) {
            turn.close();
            checkOpen(sql);
        }
        return turn;
    }

    private void checkOpen(String sql) {
        if (closed.get()) {
            throw new DatabaseException(this + " is closed" + (sql == null ? "" : "; SQL [" + sql + "] was not run"), sql, null);
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
    public <T> T transaction(ThrowingFunction<? super Sql, ? extends T> body) {
        Objects.requireNonNull(body, "body");
        Connection held = bound();
        if (held != null) {
            return transactionOn(held, body);
        }
        try (Limiter.Permit turn = enter(null); Connection c = pool.getConnection()) {
            return transactionOn(c, body);
        } catch (SQLException e) {
            throw fail(null, e);
        }
    }

    private <T> T transactionOn(Connection c, ThrowingFunction<? super Sql, ? extends T> body) {
        try {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            Tx tx = new Tx(c);
            try {
                T result = body.apply(tx);
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

    /*
     * min(limit, poolSize, n) workers, forked into a Scope (one virtual thread each), pull input indexes
     * from a shared counter (no task object, future or ordering queue per input: for short queries those
     * cost as much as the query). Each worker holds one pooled connection for its whole run and binds it
     * in a ScopedValue, so the statements fn runs through this Database reuse it instead of borrowing per
     * statement; more workers than connections would only queue for one. The first failure stops the
     * counter and fails its worker with an ItemFailedException; the Scope then cancels (interrupts) the
     * other workers and waits for them, and the call throws that exception.
     */
    @Override
    public <I, R> List<R> concurrently(Collection<? extends I> inputs, int limit, ThrowingFunction<? super I, ? extends R> fn) {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(fn, "fn");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        List<I> items = new ArrayList<>(inputs);
        int n = items.size();
        Object[] results = new Object[n];
        AtomicInteger next = new AtomicInteger();
        int workers = Math.min(Math.min(limit, n), poolSize());
        boolean interrupted = false;
        try (Scope scope = Scope.open()) {
            for (int w = 0; w < workers; w++) {
                scope.fork(pool.getPoolName() + "-query-" + w, () -> {
                    worker(items, fn, results, next);
                    return null;
                });
            }
            try {
                scope.join();
            } catch (InterruptedException e) {
                interrupted = true;
                next.set(n);   // stop taking input; close() waits for the cancelled workers
            } catch (ScopeFailedException e) {
                if (e.getCause() instanceof ItemFailedException first) {
                    e.failures().stream().filter(f -> f != first).forEach(first::addSuppressed);
                    throw first;
                }
                throw e;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            throw new CancellationException("concurrently() interrupted; " + n + " inputs");
        }
        @SuppressWarnings("unchecked")
        List<R> out = (List<R>) java.util.Arrays.asList(results);
        return out;
    }

    /** One worker: a turn at the pool, a connection bound for fn's statements, then inputs until none is left. */
    private <I, R> void worker(List<I> items, ThrowingFunction<? super I, ? extends R> fn, Object[] results,
                               AtomicInteger next) {
        int n = items.size();
        if (next.get() >= n) {
            return;
        }
        Limiter.Permit turn;
        Connection c;
        try {
            turn = enter(null);
        } catch (DatabaseException e) {
            throw stop(next, n, new ItemFailedException(Math.min(next.get(), n - 1), e));
        }
        try (turn) {
            try {
                c = pool.getConnection();
            } catch (SQLException e) {
                throw stop(next, n, new ItemFailedException(Math.min(next.get(), n - 1), fail(null, e)));
            }
            try (c) {
                ScopedValue.where(BOUND, new Bound(this, c)).run(() -> work(items, fn, results, next));
            } catch (SQLException e) {
                // closing (returning) the connection failed; the pool evicts it
            }
        }
    }

    private <I, R> void work(List<I> items, ThrowingFunction<? super I, ? extends R> fn, Object[] results,
                             AtomicInteger next) {
        int n = items.size();
        for (int i; (i = next.getAndIncrement()) < n; ) {
            try {
                results[i] = fn.apply(items.get(i));
            } catch (Exception e) {
                Exception cause = e instanceof SQLException sqlEx ? fail(null, sqlEx) : e;
                throw stop(next, n, new ItemFailedException(i, cause));
            }
        }
    }

    /** Stops every worker from taking more of the {@code n} inputs; returns {@code failure} to throw. */
    private static ItemFailedException stop(AtomicInteger next, int n, ItemFailedException failure) {
        next.set(n);
        return failure;
    }

    @Override
    public DataSource dataSource() {
        return pool;
    }

    @Override
    public int poolSize() {
        return pool.getMaximumPoolSize();
    }

    /*
     * close() never waits for a pooled connection: with every one busy, borrowing one to send SHUTDOWN took
     * up to the connection timeout. A private in-memory H2 database is shut down over a fresh, unpooled
     * connection (its busy sessions end with it, their transactions rolled back); then HikariCP closes the
     * idle connections and aborts (Connection.abort) those still in use, so statements running on them fail.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (url.startsWith(PRIVATE_H2_PREFIX)) {
                try (Connection c = java.sql.DriverManager.getConnection(url); Statement s = c.createStatement()) {
                    s.execute("SHUTDOWN");
                } catch (SQLException e) {
                    // the pool closes below anyway; a private in-memory database that refuses SHUTDOWN is gone with the JVM
                }
            }
        } finally {
            pool.close();
        }
    }

    @Override
    public String toString() {
        var mx = pool.getHikariPoolMXBean();
        return "Database[" + pool.getPoolName() + ", " + url + (closed.get() ? ", closed" : "") + (mx == null ? "" : ", active=" + mx.getActiveConnections()
                + ", idle=" + mx.getIdleConnections() + ", waiting=" + mx.getThreadsAwaitingConnection()) + "]";
    }
}
