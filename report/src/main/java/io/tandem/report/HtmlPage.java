package io.tandem.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A self-contained HTML page: one file with its CSS inline, charts as inline SVG, no script and nothing
 * fetched, so it opens offline and can be mailed or archived as is. The page shell carries a base style
 * (readable type, compact tables with right-aligned numbers and a left-aligned first column or
 * {@code class="l"}, {@code .advice}, {@code .bad} and {@code .na} notes, a {@code .legend}); add rules of
 * your own with {@link #style}. Content is appended in order; every text argument is escaped.
 *
 * {@snippet :
 * String html = HtmlPage.titled("tandem run build.yaml")
 *         .h1("tandem run build.yaml")
 *         .paragraph("11 tasks in 1.20 s")
 *         .append(timeline)
 *         .append(table)
 *         .html();
 * }
 *
 * <p>Thread safety: a builder confined to one thread at a time; {@link #html()} may be called repeatedly.
 */
public final class HtmlPage {
    private static final String BASE_STYLE = """
            body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222;padding:0 1em}
            h1{font-size:1.6em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ddd}
            table{border-collapse:collapse;margin:.6em 0}td,th{padding:2px 8px;border-bottom:1px solid #eee;text-align:right}
            td:first-child,th:first-child,td.l,th.l{text-align:left}th{background:#f4f4f4}
            .advice{background:#f3f8ff;border-left:4px solid #3b7dd8;padding:.4em .8em}
            .bad{color:#b00020}.na{color:#888}.legend span{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;vertical-align:middle}
            svg text{font:12px system-ui,sans-serif}
            """;

    private final String title;
    private final StringBuilder style = new StringBuilder(BASE_STYLE);
    private final StringBuilder body = new StringBuilder(16 * 1024);

    private HtmlPage(String title) {
        this.title = title;
    }

    /** An empty page whose {@code <title>} is {@code title}. */
    public static HtmlPage titled(String title) {
        return new HtmlPage(Objects.requireNonNull(title, "title"));
    }

    /** Adds CSS rules to the page's inline style sheet. */
    public HtmlPage style(String css) {
        Objects.requireNonNull(css, "css");
        if (css.toLowerCase(java.util.Locale.ROOT).contains("</style")) {
            throw new IllegalArgumentException("CSS must not close the <style> element: " + css);
        }
        style.append(css).append(css.endsWith("\n") ? "" : "\n");
        return this;
    }

    /** A top-level heading. */
    public HtmlPage h1(String text) {
        body.append("<h1>").append(Html.escape(text)).append("</h1>\n");
        return this;
    }

    /** A section heading; {@code id} (or {@code null}) is the anchor that {@code #id} links reach. */
    public HtmlPage h2(String id, String text) {
        body.append("<h2");
        if (id != null) {
            body.append(" id=\"").append(Html.escape(id)).append('"');
        }
        body.append('>').append(Html.escape(text)).append("</h2>\n");
        return this;
    }

    /** A paragraph of text. */
    public HtmlPage paragraph(String text) {
        body.append("<p>").append(Html.escape(text)).append("</p>\n");
        return this;
    }

    /** A paragraph of class {@code cssClass} that starts with {@code lead} in bold (e.g. "Advice."). */
    public HtmlPage note(String cssClass, String lead, String text) {
        body.append("<p class=\"").append(Html.escape(cssClass)).append("\"><b>").append(Html.escape(lead))
                .append("</b> ").append(Html.escape(text)).append("</p>\n");
        return this;
    }

    /** A legend line: {@code lead}, then a colour swatch and its label for each entry, in map order. */
    public HtmlPage legend(String lead, Map<String, String> labelsByColour) {
        body.append("<p class=\"legend\">").append(Html.escape(lead));
        labelsByColour.forEach((colour, label) -> body.append("<span style=\"background:").append(Html.escape(colour))
                .append("\"></span>").append(Html.escape(label)));
        body.append("</p>\n");
        return this;
    }

    /** Appends a table. */
    public HtmlPage append(Table table) {
        body.append(table.html());
        return this;
    }

    /** Appends a bar chart. */
    public HtmlPage append(BarChart chart) {
        body.append(chart.svg());
        return this;
    }

    /** Appends a timeline. */
    public HtmlPage append(Timeline timeline) {
        body.append(timeline.svg());
        return this;
    }

    /**
     * Appends markup as it is, for structure the builder does not offer. The caller escapes every text in it
     * with {@link Html#escape}; a {@code <script>} is refused, since report pages run no code.
     */
    public HtmlPage markup(String html) {
        Objects.requireNonNull(html, "html");
        if (html.toLowerCase(java.util.Locale.ROOT).contains("<script")) {
            throw new IllegalArgumentException("report pages carry no script: " + Html.abbreviate(html, 80));
        }
        body.append(html);
        return this;
    }

    /** The whole page. */
    public String html() {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>" + Html.escape(title)
                + "</title>\n<style>\n" + style + "</style></head><body>\n" + body + "</body></html>\n";
    }

    /** Writes the page to {@code file} in UTF-8, replacing it. */
    public void write(Path file) throws IOException {
        Files.writeString(file, html(), StandardCharsets.UTF_8);
    }
}
