package io.tandem.data;

import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * A small columnar table: typed columns ({@code long}, {@code double}, dictionary-encoded strings) read from
 * CSV in parallel chunks, with pandas' everyday operations: {@link #column(String)} statistics,
 * {@link #filter}, {@link #select}, {@link #groupBy}, and seed 004's chunk-wise map
 * ({@code df[i:i+100000]} is {@code frame.chunks(100_000)}).
 *
 * {@snippet :
 * Frame logs = Frame.readCsv(Path.of("access.csv"));                  // status,latency_ms,path
 * double meanLatency = logs.column("latency_ms").mean();
 * Frame perStatus = logs.groupBy("status").agg(Agg.count(), Agg.mean("latency_ms"));
 * System.out.println(perStatus);                                     // a printable table
 * List<Double> means = logs.chunks(100_000).map(pool, c -> c.column("latency_ms").mean());
 * }
 *
 * <p>Rows are stored in parts (one per chunk the file was read in), never concatenated, so reading a file
 * does not copy its columns a second time. Whole-frame operations ({@code filter}, {@code groupBy}, column
 * statistics) run part by part on the common {@code ForkJoinPool} and give the same answer whatever the
 * parts: sums of {@code long}s are exact, sums of {@code double}s are added part by part in order.
 *
 * <p><b>Concurrency.</b> A frame is immutable: every operation returns a new frame (sharing the columns it
 * did not change), and any number of threads may read one. A frame is {@link Serializable}: as a chunk
 * function's argument or result it travels to and from worker processes by copy, as pandas pickles its
 * DataFrame chunks; use {@link Chunks} to share big data with workers without copying.
 */
public final class Frame implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    final String[] names;
    final ColumnType[] types;
    /** The rows of each part. */
    final int[] partRows;
    /** {@code data[column][part]}: a {@code long[]}, {@code double[]} or {@code int[]} of dictionary codes. */
    final Object[][] data;
    /** The dictionary of each string column (its codes index it); null for numeric columns. */
    final String[][] dicts;
    private final long skipped;
    private final long rows;

    Frame(String[] names, ColumnType[] types, int[] partRows, Object[][] data, String[][] dicts, long skipped) {
        this.names = names;
        this.types = types;
        this.partRows = partRows;
        this.data = data;
        this.dicts = dicts;
        this.skipped = skipped;
        long r = 0;
        for (int n : partRows) {
            r += n;
        }
        this.rows = r;
    }

    /**
     * Reads a CSV file with the default {@link CsvOptions} (comma-separated, a header, types inferred).
     *
     * @throws MalformedRowException naming the file, line and column of the first malformed row
     * @throws IOException if the file cannot be read
     */
    public static Frame readCsv(Path path) throws IOException {
        return readCsv(path, CsvOptions.defaults());
    }

    /**
     * Reads a CSV file in parallel chunks on the options' pool.
     *
     * @throws MalformedRowException for a malformed row, unless the options skip them (then see {@link #skippedRows()})
     * @throws IllegalArgumentException if the options name a column the file does not have
     * @throws IOException if the file cannot be read
     */
    public static Frame readCsv(Path path, CsvOptions options) throws IOException {
        return CsvFrameReader.read(path, options);
    }

    /** A one-column frame of {@code long}s (the array is copied). */
    public static Frame of(String column, long[] values) {
        return builder().longs(column, values).build();
    }

    /** A new builder of a frame from arrays. */
    public static Builder builder() {
        return new Builder();
    }

    /** The number of rows. */
    public long rowCount() {
        return rows;
    }

    /** How many malformed rows {@link #readCsv} skipped ({@link OnMalformed#SKIP}); 0 otherwise. */
    public long skippedRows() {
        return skipped;
    }

    /** The column names, in order. */
    public List<String> columnNames() {
        return List.of(names);
    }

    /** The type of column {@code name}. */
    public ColumnType type(String name) {
        return types[index(name)];
    }

    /** Column {@code name}, for its statistics and values. */
    public Column column(String name) {
        return new Column(this, index(name));
    }

    int index(String name) {
        Objects.requireNonNull(name, "column name");
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column '" + name + "'; the columns are " + Arrays.toString(names));
    }

    /** The frame with only {@code columns}, in that order. */
    public Frame select(String... columns) {
        int[] idx = Arrays.stream(columns).mapToInt(this::index).toArray();
        String[] n = new String[idx.length];
        ColumnType[] t = new ColumnType[idx.length];
        Object[][] d = new Object[idx.length][];
        String[][] dict = new String[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            n[i] = names[idx[i]];
            t[i] = types[idx[i]];
            d[i] = data[idx[i]];
            dict[i] = dicts[idx[i]];
        }
        if (Arrays.stream(n).distinct().count() != n.length) {
            throw new IllegalArgumentException("select names a column twice: " + Arrays.toString(columns));
        }
        return new Frame(n, t, partRows, d, dict, skipped);
    }

    /**
     * The rows for which {@code predicate} is true, in order. The predicate may be called from several
     * threads at once (parts are filtered in parallel) and must not keep the {@link Row}.
     */
    public Frame filter(Predicate<? super Row> predicate) {
        Objects.requireNonNull(predicate, "predicate");
        int parts = partRows.length;
        int[][] selected = new int[parts][];
        IntStream.range(0, parts).parallel().forEach(p -> {
            Cursor row = new Cursor(p);
            int[] keep = new int[partRows[p]];
            int k = 0;
            for (int i = 0; i < partRows[p]; i++) {
                row.index = i;
                if (predicate.test(row)) {
                    keep[k++] = i;
                }
            }
            selected[p] = Arrays.copyOf(keep, k);
        });
        int[] newRows = new int[parts];
        Object[][] d = new Object[names.length][parts];
        for (int p = 0; p < parts; p++) {
            newRows[p] = selected[p].length;
            for (int c = 0; c < names.length; c++) {
                d[c][p] = gather(data[c][p], selected[p]);
            }
        }
        return new Frame(names, types, newRows, d, dicts, skipped);
    }

    private static Object gather(Object array, int[] rows) {
        return switch (array) {
            case long[] a -> {
                long[] out = new long[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    out[i] = a[rows[i]];
                }
                yield out;
            }
            case double[] a -> {
                double[] out = new double[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    out[i] = a[rows[i]];
                }
                yield out;
            }
            case int[] a -> {
                int[] out = new int[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    out[i] = a[rows[i]];
                }
                yield out;
            }
            default -> throw new IllegalStateException("unknown column storage " + array.getClass());
        };
    }

    /** Groups the rows by the values of {@code columns}; aggregate with {@link GroupBy#agg}. */
    public GroupBy groupBy(String... columns) {
        if (columns.length == 0) {
            throw new IllegalArgumentException("groupBy needs at least one column");
        }
        return new GroupBy(this, Arrays.stream(columns).mapToInt(this::index).toArray());
    }

    /** The frame in chunks of {@code rows} rows (the last may be shorter), for a chunk-wise map. */
    public FrameChunks chunks(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("chunk size must be >= 1 row, got " + rows);
        }
        List<Frame> out = new ArrayList<>();
        for (long from = 0; from < this.rows; from += rows) {
            out.add(slice(from, Math.min(this.rows, from + rows)));
        }
        if (out.isEmpty()) {
            out.add(this);
        }
        return new FrameChunks(out);
    }

    /** Rows {@code [from, to)} as a frame of one part (copied). */
    public Frame slice(long from, long to) {
        if (from < 0 || to > rows || from > to || to - from > Integer.MAX_VALUE) {
            throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of a frame of " + rows + " rows");
        }
        int len = (int) (to - from);
        Object[][] d = new Object[names.length][1];
        for (int c = 0; c < names.length; c++) {
            Object out = switch (types[c]) {
                case LONG -> new long[len];
                case DOUBLE -> new double[len];
                case STRING -> new int[len];
            };
            long start = 0;
            int at = 0;
            for (int p = 0; p < partRows.length && at < len; p++) {
                long end = start + partRows[p];
                if (end > from + at) {
                    int off = (int) (from + at - start);
                    int n = (int) Math.min(partRows[p] - off, len - at);
                    System.arraycopy(data[c][p], off, out, at, n);
                    at += n;
                }
                start = end;
            }
            d[c][0] = out;
        }
        return new Frame(names, types, new int[] {len}, d, dicts, 0);
    }

    /** The first rows as a table, like pandas prints a DataFrame. */
    @Override
    public String toString() {
        return toTable(20);
    }

    /** At most {@code maxRows} rows as a text table (first and last halves when there are more), with the shape. */
    public String toTable(int maxRows) {
        return TableText.format(this, maxRows);
    }

    /** The value of a row as text (for the table). */
    String text(int column, long row) {
        long start = 0;
        for (int p = 0; p < partRows.length; p++) {
            if (row < start + partRows[p]) {
                int i = (int) (row - start);
                return switch (data[column][p]) {
                    case long[] a -> Long.toString(a[i]);
                    case double[] a -> Double.toString(a[i]);
                    case int[] a -> dicts[column][a[i]];
                    default -> "?";
                };
            }
            start += partRows[p];
        }
        throw new IndexOutOfBoundsException("row " + row + " of " + rows);
    }

    /** A row of one part, for predicates. */
    private final class Cursor implements Row {
        private final int part;
        int index;

        Cursor(int part) {
            this.part = part;
        }

        @Override
        public long getLong(String column) {
            int c = index(column);
            if (types[c] != ColumnType.LONG) {
                throw new IllegalStateException("column '" + column + "' holds " + types[c] + ", not LONG");
            }
            return ((long[]) data[c][part])[index];
        }

        @Override
        public double getDouble(String column) {
            int c = index(column);
            return switch (types[c]) {
                case LONG -> ((long[]) data[c][part])[index];
                case DOUBLE -> ((double[]) data[c][part])[index];
                case STRING -> throw new IllegalStateException("column '" + column + "' holds strings, not numbers");
            };
        }

        @Override
        public String getString(String column) {
            int c = index(column);
            if (types[c] != ColumnType.STRING) {
                throw new IllegalStateException("column '" + column + "' holds " + types[c] + ", not STRING");
            }
            return dicts[c][((int[]) data[c][part])[index]];
        }
    }

    /**
     * Builds a frame from arrays, one column at a time; every column must have the same length. Not
     * thread-safe; the frame it builds is immutable (the arrays are copied).
     */
    public static final class Builder {
        private final Map<String, Object> columns = new LinkedHashMap<>();

        private Builder() {
        }

        /** Adds a column of {@code long}s. */
        public Builder longs(String name, long[] values) {
            return add(name, values.clone());
        }

        /** Adds a column of {@code double}s. */
        public Builder doubles(String name, double[] values) {
            return add(name, values.clone());
        }

        /** Adds a column of strings (dictionary-encoded; no nulls). */
        public Builder strings(String name, String[] values) {
            return add(name, values.clone());
        }

        private Builder add(String name, Object values) {
            if (name == null || name.isEmpty() || columns.containsKey(name)) {
                throw new IllegalArgumentException("column names must be distinct non-empty strings, got '" + name + "'");
            }
            columns.put(name, values);
            return this;
        }

        /** The frame; {@link IllegalArgumentException} if the columns differ in length or there is none. */
        public Frame build() {
            if (columns.isEmpty()) {
                throw new IllegalArgumentException("a frame needs at least one column");
            }
            int n = columns.size();
            String[] names = columns.keySet().toArray(new String[0]);
            ColumnType[] types = new ColumnType[n];
            Object[][] data = new Object[n][1];
            String[][] dicts = new String[n][];
            int len = -1;
            int c = 0;
            for (Map.Entry<String, Object> e : columns.entrySet()) {
                int l = java.lang.reflect.Array.getLength(e.getValue());
                if (len >= 0 && l != len) {
                    throw new IllegalArgumentException("column '" + e.getKey() + "' has " + l + " rows, the first had " + len);
                }
                len = l;
                switch (e.getValue()) {
                    case long[] a -> {
                        types[c] = ColumnType.LONG;
                        data[c][0] = a;
                    }
                    case double[] a -> {
                        types[c] = ColumnType.DOUBLE;
                        data[c][0] = a;
                    }
                    case String[] a -> {
                        types[c] = ColumnType.STRING;
                        Map<String, Integer> codes = new LinkedHashMap<>();
                        int[] out = new int[a.length];
                        for (int i = 0; i < a.length; i++) {
                            String v = Objects.requireNonNull(a[i], () -> "null string in column '" + e.getKey() + "'");
                            out[i] = codes.computeIfAbsent(v, k -> codes.size());
                        }
                        data[c][0] = out;
                        dicts[c] = codes.keySet().toArray(new String[0]);
                    }
                    default -> throw new IllegalStateException();
                }
                c++;
            }
            return new Frame(names, types, new int[] {len}, data, dicts, 0);
        }
    }
}
