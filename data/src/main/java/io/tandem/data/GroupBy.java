package io.tandem.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The rows of a {@link Frame} grouped by the values of some columns, waiting for {@link #agg}: pandas'
 * {@code df.groupby(cols).agg(...)}. Immutable.
 *
 * <p>Each part of the frame is aggregated on its own (in parallel, on the common {@code ForkJoinPool}), then
 * the parts are merged in order; a single string key uses its dictionary codes as group numbers, any other
 * key a hash map. The result has one row per group, sorted by the keys, with the key columns first.
 */
public final class GroupBy {
    private final Frame frame;
    private final int[] keys;

    GroupBy(Frame frame, int[] keys) {
        this.frame = frame;
        this.keys = keys;
    }

    /**
     * One row per group: the key columns, then one column per aggregate ({@code count} and sums, minima and
     * maxima of {@code long} columns are {@code LONG}; the rest {@code DOUBLE}).
     *
     * @throws IllegalArgumentException for an aggregate of a column the frame does not have
     * @throws IllegalStateException for a numeric aggregate of a string column
     */
    public Frame agg(Agg... aggs) {
        if (aggs.length == 0) {
            throw new IllegalArgumentException("agg needs at least one aggregate, such as Agg.count()");
        }
        int[] cols = new int[aggs.length];
        for (int j = 0; j < aggs.length; j++) {
            cols[j] = aggs[j].kind == Agg.Kind.COUNT ? -1 : frame.index(aggs[j].column);
            if (cols[j] >= 0 && frame.types[cols[j]] == ColumnType.STRING) {
                throw new IllegalStateException(aggs[j] + ": column '" + aggs[j].column + "' holds strings");
            }
        }
        int parts = frame.partRows.length;
        Groups[] perPart = new Groups[parts];
        IntStream.range(0, parts).parallel().forEach(p -> perPart[p] = aggregate(p, cols));
        Groups all = new Groups(cols.length);
        Map<List<Object>, Integer> ids = new HashMap<>();
        for (Groups g : perPart) {
            for (int i = 0; i < g.keys.size(); i++) {
                if (g.count[i] == 0) {
                    continue;
                }
                List<Object> key = g.keys.get(i);
                Integer id = ids.get(key);
                if (id == null) {
                    id = all.add(key);
                    ids.put(key, id);
                }
                all.merge(id, g, i);
            }
        }
        return result(all, aggs, cols);
    }

    /** Per-group figures: counts, and for each aggregate long and double sums, minima and maxima. */
    private static final class Groups {
        final List<List<Object>> keys = new ArrayList<>();
        long[] count = new long[16];
        final long[][] lsum;
        final long[][] lmin;
        final long[][] lmax;
        final double[][] dsum;
        final double[][] dmin;
        final double[][] dmax;

        Groups(int aggs) {
            lsum = new long[aggs][16];
            lmin = new long[aggs][16];
            lmax = new long[aggs][16];
            dsum = new double[aggs][16];
            dmin = new double[aggs][16];
            dmax = new double[aggs][16];
        }

        int add(List<Object> key) {
            int id = keys.size();
            keys.add(key);
            if (id == count.length) {
                int n = id * 2;
                count = Arrays.copyOf(count, n);
                for (int j = 0; j < lsum.length; j++) {
                    lsum[j] = Arrays.copyOf(lsum[j], n);
                    lmin[j] = Arrays.copyOf(lmin[j], n);
                    lmax[j] = Arrays.copyOf(lmax[j], n);
                    dsum[j] = Arrays.copyOf(dsum[j], n);
                    dmin[j] = Arrays.copyOf(dmin[j], n);
                    dmax[j] = Arrays.copyOf(dmax[j], n);
                }
            }
            for (int j = 0; j < lsum.length; j++) {
                lmin[j][id] = Long.MAX_VALUE;
                lmax[j][id] = Long.MIN_VALUE;
                dmin[j][id] = Double.POSITIVE_INFINITY;
                dmax[j][id] = Double.NEGATIVE_INFINITY;
            }
            return id;
        }

        void merge(int id, Groups g, int i) {
            count[id] += g.count[i];
            for (int j = 0; j < lsum.length; j++) {
                lsum[j][id] += g.lsum[j][i];
                lmin[j][id] = Math.min(lmin[j][id], g.lmin[j][i]);
                lmax[j][id] = Math.max(lmax[j][id], g.lmax[j][i]);
                dsum[j][id] += g.dsum[j][i];
                dmin[j][id] = Math.min(dmin[j][id], g.dmin[j][i]);
                dmax[j][id] = Math.max(dmax[j][id], g.dmax[j][i]);
            }
        }
    }

    private Groups aggregate(int p, int[] cols) {
        int n = frame.partRows[p];
        Groups g = new Groups(cols.length);
        int[] group = new int[n];
        if (keys.length == 1 && frame.types[keys[0]] == ColumnType.STRING) {
            String[] dict = frame.dicts[keys[0]];
            for (String s : dict) {
                g.add(List.of(s));
            }
            System.arraycopy((int[]) frame.data[keys[0]][p], 0, group, 0, n);
        } else {
            Map<List<Object>, Integer> ids = new HashMap<>();
            for (int i = 0; i < n; i++) {
                Object[] key = new Object[keys.length];
                for (int k = 0; k < keys.length; k++) {
                    key[k] = value(keys[k], p, i);
                }
                group[i] = ids.computeIfAbsent(List.of(key), g::add);
            }
        }
        for (int i = 0; i < n; i++) {
            g.count[group[i]]++;
        }
        for (int j = 0; j < cols.length; j++) {
            if (cols[j] < 0) {
                continue;
            }
            Object a = frame.data[cols[j]][p];
            if (a instanceof long[] l) {
                long[] sum = g.lsum[j], min = g.lmin[j], max = g.lmax[j];
                for (int i = 0; i < n; i++) {
                    int k = group[i];
                    long v = l[i];
                    sum[k] += v;
                    if (v < min[k]) {
                        min[k] = v;
                    }
                    if (v > max[k]) {
                        max[k] = v;
                    }
                }
            } else {
                double[] d = (double[]) a;
                double[] sum = g.dsum[j], min = g.dmin[j], max = g.dmax[j];
                for (int i = 0; i < n; i++) {
                    int k = group[i];
                    double v = d[i];
                    sum[k] += v;
                    if (v < min[k]) {
                        min[k] = v;
                    }
                    if (v > max[k]) {
                        max[k] = v;
                    }
                }
            }
        }
        return g;
    }

    private Object value(int c, int p, int i) {
        return switch (frame.data[c][p]) {
            case long[] a -> a[i];
            case double[] a -> a[i];
            case int[] a -> frame.dicts[c][a[i]];
            default -> throw new IllegalStateException();
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Frame result(Groups all, Agg[] aggs, int[] cols) {
        int groups = all.keys.size();
        Integer[] order = new Integer[groups];
        for (int i = 0; i < groups; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> {
            List<Object> a = all.keys.get(x), b = all.keys.get(y);
            for (int k = 0; k < a.size(); k++) {
                int r = ((Comparable) a.get(k)).compareTo(b.get(k));
                if (r != 0) {
                    return r;
                }
            }
            return 0;
        });
        Frame.Builder out = Frame.builder();
        for (int k = 0; k < keys.length; k++) {
            int kk = k;
            switch (frame.types[keys[k]]) {
                case LONG -> out.longs(frame.names[keys[k]], Arrays.stream(order).mapToLong(i -> (Long) all.keys.get(i).get(kk)).toArray());
                case DOUBLE -> out.doubles(frame.names[keys[k]], Arrays.stream(order).mapToDouble(i -> (Double) all.keys.get(i).get(kk)).toArray());
                case STRING -> out.strings(frame.names[keys[k]], Arrays.stream(order).map(i -> (String) all.keys.get(i).get(kk)).toArray(String[]::new));
            }
        }
        for (int j = 0; j < aggs.length; j++) {
            int jj = j;
            boolean isLong = cols[j] >= 0 && frame.types[cols[j]] == ColumnType.LONG;
            switch (aggs[j].kind) {
                case COUNT -> out.longs(aggs[j].name, Arrays.stream(order).mapToLong(i -> all.count[i]).toArray());
                case SUM -> {
                    if (isLong) {
                        out.longs(aggs[j].name, Arrays.stream(order).mapToLong(i -> all.lsum[jj][i]).toArray());
                    } else {
                        out.doubles(aggs[j].name, Arrays.stream(order).mapToDouble(i -> all.dsum[jj][i]).toArray());
                    }
                }
                case MEAN -> out.doubles(aggs[j].name, Arrays.stream(order).mapToDouble(i ->
                        (isLong ? (double) all.lsum[jj][i] : all.dsum[jj][i]) / all.count[i]).toArray());
                case MIN -> {
                    if (isLong) {
                        out.longs(aggs[j].name, Arrays.stream(order).mapToLong(i -> all.lmin[jj][i]).toArray());
                    } else {
                        out.doubles(aggs[j].name, Arrays.stream(order).mapToDouble(i -> all.dmin[jj][i]).toArray());
                    }
                }
                case MAX -> {
                    if (isLong) {
                        out.longs(aggs[j].name, Arrays.stream(order).mapToLong(i -> all.lmax[jj][i]).toArray());
                    } else {
                        out.doubles(aggs[j].name, Arrays.stream(order).mapToDouble(i -> all.dmax[jj][i]).toArray());
                    }
                }
            }
        }
        return out.build();
    }
}
