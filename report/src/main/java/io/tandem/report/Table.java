package io.tandem.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An HTML table built row by row: a header row, then body rows. A cell is a {@link Cell} or any other
 * object, shown as {@code String.valueOf} of it; every text is escaped.
 *
 * {@snippet :
 * Table t = Table.withHeader("model", "median", Cell.of("status").withClass("l"));
 * t.row("threads", "0.50 s", Cell.of("OK").withClass("l"));
 * page.append(t);
 * }
 *
 * <p>Thread safety: a builder confined to one thread at a time; {@link #html()} may be called repeatedly.
 */
public final class Table {
    private final List<Cell> header;
    private final List<List<Cell>> rows = new ArrayList<>();

    private Table(List<Cell> header) {
        this.header = header;
    }

    /** A table whose first row holds {@code headers}. */
    public static Table withHeader(Object... headers) {
        return new Table(cells(headers));
    }

    /** Adds a body row; it may have fewer or more cells than the header. */
    public Table row(Object... cells) {
        rows.add(cells(cells));
        return this;
    }

    /** The {@code <table>} element, ending with a newline. */
    public String html() {
        StringBuilder h = new StringBuilder(128 + rows.size() * 96);
        h.append("<table><tr>");
        for (Cell c : header) {
            c.render(h, "th");
        }
        h.append("</tr>\n");
        for (List<Cell> row : rows) {
            h.append("<tr>");
            for (Cell c : row) {
                c.render(h, "td");
            }
            h.append("</tr>\n");
        }
        return h.append("</table>\n").toString();
    }

    private static List<Cell> cells(Object[] values) {
        Objects.requireNonNull(values, "cells");
        List<Cell> out = new ArrayList<>(values.length);
        for (Object v : values) {
            out.add(v instanceof Cell c ? c : Cell.of(String.valueOf(v)));
        }
        return out;
    }
}
