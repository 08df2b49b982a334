package io.tandem.io;

import io.tandem.TandemException;

import java.io.Serial;
import java.sql.SQLException;

/**
 * A failed database operation: the message names the SQL (and, for a connection timeout, the pool's
 * state); the cause is the driver's {@link SQLException}.
 *
 * <p>Thread safety: immutable once thrown.
 */
public class DatabaseException extends TandemException {
    @Serial
    private static final long serialVersionUID = 1L;
    private final String sql;

    public DatabaseException(String message, String sql, Throwable cause) {
        super(message, cause);
        this.sql = sql;
    }

    /** The statement that failed, or {@code null} when none was running (opening a connection, committing). */
    public String sql() {
        return sql;
    }

    /** The SQLSTATE of the underlying {@link SQLException}, or {@code null}. */
    public String sqlState() {
        return getCause() instanceof SQLException e ? e.getSQLState() : null;
    }
}
