package io.tandem.report;

import java.util.Objects;

/**
 * One table cell: its text, and optionally a CSS class, a hover title and an in-page link. All of it is
 * escaped when the table renders.
 *
 * <p>Thread safety: immutable; share freely.
 *
 * @param text     the cell's text
 * @param cssClass a CSS class, or {@code null}
 * @param title    text shown on hover, or {@code null}
 * @param href     a link target (for an offline page, {@code #anchor}), or {@code null}
 */
public record Cell(String text, String cssClass, String title, String href) {
    public Cell {
        Objects.requireNonNull(text, "text");
    }

    /** A plain cell. */
    public static Cell of(String text) {
        return new Cell(text, null, null, null);
    }

    /** This cell with a CSS class. */
    public Cell withClass(String cssClass) {
        return new Cell(text, cssClass, title, href);
    }

    /** This cell with a hover title. */
    public Cell withTitle(String title) {
        return new Cell(text, cssClass, title, href);
    }

    /** This cell's text as a link to {@code href}. */
    public Cell withLink(String href) {
        return new Cell(text, cssClass, title, href);
    }

    void render(StringBuilder h, String tag) {
        h.append('<').append(tag);
        if (cssClass != null) {
            h.append(" class=\"").append(Html.escape(cssClass)).append('"');
        }
        if (title != null) {
            h.append(" title=\"").append(Html.escape(title)).append('"');
        }
        h.append('>');
        if (href != null) {
            h.append("<a href=\"").append(Html.escape(href)).append("\">").append(Html.escape(text)).append("</a>");
        } else {
            h.append(Html.escape(text));
        }
        h.append("</").append(tag).append('>');
    }
}
