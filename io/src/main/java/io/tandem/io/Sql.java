package io.tandem.io;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Statement helpers shared by a {@link Database} (each call borrows a pooled connection) and a
 * {@link Database#transaction transaction} (every call uses the transaction's connection). Parameters
 * bind in order to {@code ?} placeholders through {@code setObject}; failures throw
 * {@link DatabaseException} naming the SQL.
 *
 * <p>Thread safety: see the implementing type; a {@code Database} is fully thread-safe, a transaction
 * belongs to the thread running its body.
 */
public interface Sql {

    /** Every row of {@code sql}, mapped. */
    <T> List<T> query(String sql, RowMapper<T> mapper, Object... params);

    /** The first row of {@code sql}, mapped, or empty when there is none. */
    <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params);

    /** Every row of {@code sql} as a column-label-to-value map (the seed's {@code cursor.fetchall()}). */
    default List<Map<String, Object>> queryMaps(String sql, Object... params) {
        return query(sql, RowMapper.toMap(), params);
    }

    /** Runs an INSERT, UPDATE, DELETE or DDL statement; returns the update count. */
    int update(String sql, Object... params);

    /** Runs {@code sql} once per parameter row as one JDBC batch; returns the update counts. */
    int[] batch(String sql, List<? extends List<?>> rows);
}
