package io.tandem.data;

import io.tandem.TaskPool;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How {@link Frame#readCsv(java.nio.file.Path, CsvOptions)} reads a CSV file: the delimiter (default
 * {@code ','}), whether the first line is a header (default yes), column names when it is not, column types
 * (default: inferred from the first rows: {@code LONG} if every sampled value is an integer, else
 * {@code DOUBLE} if every one is a number, else {@code STRING}), what to do with a malformed row (default
 * {@link OnMalformed#FAIL}) and the pool that parses the chunks (default: a {@code Pools.threads()} made and
 * closed by the call).
 *
 * {@snippet :
 * CsvOptions opts = CsvOptions.defaults().delimiter(';').header(false)
 *         .names("station", "temperature").type("temperature", ColumnType.DOUBLE);
 * }
 *
 * <p>Quoting follows RFC 4180: a field in double quotes may hold the delimiter, line breaks and doubled
 * quotes ({@code ""}); a quote inside an unquoted field, or text after a closing quote, is malformed. Lines
 * end with {@code \n} or {@code \r\n}; blank lines are skipped. Input is UTF-8.
 *
 * <p>Immutable and thread-safe: every setter returns a new options object and checks its argument at once.
 */
public final class CsvOptions {
    private final char delimiter;
    private final boolean header;
    private final List<String> names;
    private final Map<String, ColumnType> types;
    private final OnMalformed onMalformed;
    private final TaskPool pool;
    private final int chunks;

    private CsvOptions(char delimiter, boolean header, List<String> names, Map<String, ColumnType> types,
                       OnMalformed onMalformed, TaskPool pool, int chunks) {
        this.delimiter = delimiter;
        this.header = header;
        this.names = names;
        this.types = Map.copyOf(types);
        this.onMalformed = onMalformed;
        this.pool = pool;
        this.chunks = chunks;
    }

    /** Comma-separated, with a header, types inferred, malformed rows fail. */
    public static CsvOptions defaults() {
        return new CsvOptions(',', true, null, Map.of(), OnMalformed.FAIL, null, 0);
    }

    /**
     * The field delimiter.
     *
     * @throws IllegalArgumentException unless it is one ASCII character other than a quote or a line end
     */
    public CsvOptions delimiter(char delimiter) {
        if (delimiter >= 0x80 || delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("delimiter must be one ASCII character other than '\"' or a line end, got '"
                    + delimiter + "'");
        }
        return new CsvOptions(delimiter, header, names, types, onMalformed, pool, chunks);
    }

    /** Whether the first line holds the column names (default true). */
    public CsvOptions header(boolean header) {
        return new CsvOptions(delimiter, header, names, types, onMalformed, pool, chunks);
    }

    /** The column names (they replace the header's, if any). */
    public CsvOptions names(String... names) {
        Objects.requireNonNull(names, "names");
        if (names.length == 0 || Arrays.stream(names).anyMatch(n -> n == null || n.isEmpty())) {
            throw new IllegalArgumentException("column names must be non-empty strings, got " + Arrays.toString(names));
        }
        if (Arrays.stream(names).distinct().count() != names.length) {
            throw new IllegalArgumentException("column names must be distinct, got " + Arrays.toString(names));
        }
        return new CsvOptions(delimiter, header, List.of(names), types, onMalformed, pool, chunks);
    }

    /** The type of column {@code name} (the others are inferred). */
    public CsvOptions type(String name, ColumnType type) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Map<String, ColumnType> t = new HashMap<>(types);
        t.put(name, type);
        return new CsvOptions(delimiter, header, names, t, onMalformed, pool, chunks);
    }

    /** What to do with a malformed row (default {@link OnMalformed#FAIL}). */
    public CsvOptions onMalformed(OnMalformed onMalformed) {
        Objects.requireNonNull(onMalformed, "onMalformed");
        return new CsvOptions(delimiter, header, names, types, onMalformed, pool, chunks);
    }

    /** The pool that parses the chunks; the caller keeps owning it. */
    public CsvOptions pool(TaskPool pool) {
        Objects.requireNonNull(pool, "pool");
        return new CsvOptions(delimiter, header, names, types, onMalformed, pool, chunks);
    }

    /** How many chunks to cut the file into (default: as {@link Chunks#of(java.nio.file.Path)}). */
    public CsvOptions chunks(int chunks) {
        if (chunks < 1) {
            throw new IllegalArgumentException("chunks must be >= 1, got " + chunks);
        }
        return new CsvOptions(delimiter, header, names, types, onMalformed, pool, chunks);
    }

    char delimiter() {
        return delimiter;
    }

    boolean header() {
        return header;
    }

    List<String> names() {
        return names;
    }

    Map<String, ColumnType> types() {
        return types;
    }

    OnMalformed onMalformed() {
        return onMalformed;
    }

    TaskPool pool() {
        return pool;
    }

    int chunks() {
        return chunks;
    }

    @Override
    public String toString() {
        return "CsvOptions[delimiter '" + delimiter + "', header " + header + ", names " + names + ", types " + types
                + ", " + onMalformed + "]";
    }
}
