package io.tandem.data;

import java.util.ArrayList;
import java.util.List;

/** Formats a {@link Frame} as a text table: names over values, numbers right-aligned, the shape below. */
final class TableText {
    private TableText() {
    }

    static String format(Frame f, int maxRows) {
        long rows = f.rowCount();
        int cols = f.names.length;
        List<Long> shown = new ArrayList<>();
        boolean cut = rows > maxRows;
        if (!cut) {
            for (long r = 0; r < rows; r++) {
                shown.add(r);
            }
        } else {
            for (long r = 0; r < (maxRows + 1) / 2; r++) {
                shown.add(r);
            }
            for (long r = rows - maxRows / 2; r < rows; r++) {
                shown.add(r);
            }
        }
        String[][] cells = new String[shown.size()][cols];
        int[] width = new int[cols];
        for (int c = 0; c < cols; c++) {
            width[c] = f.names[c].length();
        }
        for (int i = 0; i < shown.size(); i++) {
            for (int c = 0; c < cols; c++) {
                cells[i][c] = f.text(c, shown.get(i));
                width[c] = Math.max(width[c], cells[i][c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < cols; c++) {
            sb.append(c == 0 ? "" : "  ").append(pad(f.names[c], width[c], f.types[c] != ColumnType.STRING));
        }
        sb.append('\n');
        for (int i = 0; i < shown.size(); i++) {
            if (cut && i == (maxRows + 1) / 2) {
                sb.append("...\n");
            }
            for (int c = 0; c < cols; c++) {
                sb.append(c == 0 ? "" : "  ").append(pad(cells[i][c], width[c], f.types[c] != ColumnType.STRING));
            }
            sb.append('\n');
        }
        sb.append('[').append(rows).append(rows == 1 ? " row x " : " rows x ").append(cols)
                .append(cols == 1 ? " column]" : " columns]");
        return sb.toString();
    }

    private static String pad(String s, int width, boolean right) {
        String spaces = " ".repeat(Math.max(0, width - s.length()));
        return right ? spaces + s : s + spaces;
    }
}
