package io.tandem.data;

import java.util.stream.IntStream;

/**
 * One column of a {@link Frame}: its statistics, computed part by part in parallel, and its values.
 * {@link #sum}, {@link #mean}, {@link #min} and {@link #max} apply to numeric columns ({@code long} sums are
 * exact, then converted); {@link #count} to any. An empty column's {@code min}, {@code max} and
 * {@code mean} are {@code NaN}. Immutable and thread-safe, like its frame.
 */
public final class Column {
    private final Frame frame;
    private final int c;

    Column(Frame frame, int c) {
        this.frame = frame;
        this.c = c;
    }

    /** The column's name. */
    public String name() {
        return frame.names[c];
    }

    /** The column's type. */
    public ColumnType type() {
        return frame.types[c];
    }

    /** The number of values (every row has one). */
    public long count() {
        return frame.rowCount();
    }

    /** The sum of the values. */
    public double sum() {
        if (type() == ColumnType.LONG) {
            return sumLong();
        }
        double s = 0;
        for (double part : partSums()) {
            s += part;
        }
        return s;
    }

    /** The exact sum of a {@code LONG} column. */
    public long sumLong() {
        requireType(ColumnType.LONG);
        return IntStream.range(0, frame.partRows.length).parallel().mapToLong(p -> {
            long[] a = (long[]) frame.data[c][p];
            long s = 0;
            for (int i = 0, n = frame.partRows[p]; i < n; i++) {
                s += a[i];
            }
            return s;
        }).sum();
    }

    private double[] partSums() {
        requireType(ColumnType.DOUBLE);
        return IntStream.range(0, frame.partRows.length).parallel().mapToDouble(p -> {
            double[] a = (double[]) frame.data[c][p];
            double s = 0;
            for (int i = 0, n = frame.partRows[p]; i < n; i++) {
                s += a[i];
            }
            return s;
        }).toArray();
    }

    /** The mean of the values. */
    public double mean() {
        long n = count();
        if (type() == ColumnType.LONG) {
            return n == 0 ? Double.NaN : (double) sumLong() / n;
        }
        return n == 0 ? Double.NaN : sum() / n;
    }

    /** The smallest value. */
    public double min() {
        return extreme(true);
    }

    /** The largest value. */
    public double max() {
        return extreme(false);
    }

    private double extreme(boolean min) {
        if (type() == ColumnType.STRING) {
            throw new IllegalStateException("column '" + name() + "' holds strings: min and max apply to numbers");
        }
        if (count() == 0) {
            return Double.NaN;
        }
        return IntStream.range(0, frame.partRows.length).parallel().filter(p -> frame.partRows[p] > 0).mapToDouble(p -> {
            double best = min ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            Object a = frame.data[c][p];
            for (int i = 0, n = frame.partRows[p]; i < n; i++) {
                double v = a instanceof long[] l ? l[i] : ((double[]) a)[i];
                best = min ? Math.min(best, v) : Math.max(best, v);
            }
            return best;
        }).reduce(min ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY, min ? Math::min : Math::max);
    }

    /** The value at {@code row} as text. */
    public String text(long row) {
        return frame.text(c, row);
    }

    private void requireType(ColumnType t) {
        if (type() != t) {
            throw new IllegalStateException("column '" + name() + "' holds " + type() + (type() == ColumnType.STRING
                    ? ": sum and mean apply to numbers" : ", not " + t));
        }
    }

    @Override
    public String toString() {
        return "Column[" + name() + ", " + type() + ", " + count() + " rows]";
    }
}
