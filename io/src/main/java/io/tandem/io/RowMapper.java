package io.tandem.io;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the current row of a {@link ResultSet} into a value. Called once per row, on the querying
 * thread; it must not move the cursor.
 *
 * {@snippet :
 * RowMapper<User> users = rs -> new User(rs.getLong("id"), rs.getString("name"));
 * }
 *
 * @param <T> the row type
 */
@FunctionalInterface
public interface RowMapper<T> {

    T map(ResultSet rs) throws SQLException;

    /** Each row as a map from column label (as the driver reports it) to value, in column order. */
    static RowMapper<Map<String, Object>> toMap() {
        return rs -> {
            ResultSetMetaData md = rs.getMetaData();
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                row.put(md.getColumnLabel(i), rs.getObject(i));
            }
            return row;
        };
    }

    /** Column {@code index} (1-based) as {@code type}, through {@link ResultSet#getObject(int, Class)}. */
    static <T> RowMapper<T> column(int index, Class<T> type) {
        if (index < 1) {
            throw new IllegalArgumentException("JDBC columns are numbered from 1, got " + index);
        }
        java.util.Objects.requireNonNull(type, "type");
        return rs -> rs.getObject(index, type);
    }
}
