package io.tandem.gpu.internal;

import java.lang.reflect.Array;

/** NumPy's way of printing a 1-d array: {@code [ 0  1  4  9 16 25 36 49 64 81]}; over 1000 elements, the ends. */
public final class ArrayText {
    private ArrayText() {
    }

    public static String of(Object javaArray) {
        int n = Array.getLength(javaArray);
        boolean summarise = n > 1000;
        java.util.List<String> items = new java.util.ArrayList<>();
        for (int k = 0; k < n; k++) {
            if (summarise && k == 3) {
                k = n - 3;
                items.add(null);
            }
            items.add(item(Array.get(javaArray, k)));
        }
        int width = 0;
        for (String s : items) {
            width = s == null ? width : Math.max(width, s.length());
        }
        StringBuilder sb = new StringBuilder("[");
        for (int k = 0; k < items.size(); k++) {
            String s = items.get(k);
            if (k > 0) {
                sb.append(' ');
            }
            sb.append(s == null ? "..." : " ".repeat(width - s.length()) + s);
        }
        return sb.append(']').toString();
    }

    private static String item(Object v) {
        if (v instanceof Float f) {
            return f == Math.rint(f) && !f.isInfinite() && Math.abs(f) < 1e16 ? (long) (float) f + "." : f.toString();
        }
        if (v instanceof Double d) {
            return d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e16 ? (long) (double) d + "." : d.toString();
        }
        return v.toString();
    }
}
