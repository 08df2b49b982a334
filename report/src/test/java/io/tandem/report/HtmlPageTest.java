package io.tandem.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A page is one offline file, and every text that reaches it is escaped. */
class HtmlPageTest {

    @Test
    void escapingCoversTextAndBothQuoteStyles() {
        assertEquals("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;", Html.escape("<a href=\"x\" title='y'>&"));
        String plain = "nothing to escape";
        assertSame(plain, Html.escape(plain));
        assertEquals("abc", Html.abbreviate("abc", 3));
        assertEquals("ab…", Html.abbreviate("abcd", 3));
        assertThrows(IllegalArgumentException.class, () -> Html.abbreviate("abc", 0));
    }

    @Test
    void aPageWithHeadingsNotesLegendAndTable(@TempDir Path dir) throws Exception {
        Table t = Table.withHeader("name", Cell.of("note").withClass("l"))
                .row(Cell.of("a<b").withLink("#a<b").withTitle("t\"1"), Cell.of("x & y").withClass("l bad"));
        Path file = dir.resolve("p.html");
        HtmlPage.titled("T <1>").style(".x{fill:red}").h1("H & 1").h2("sec", "Section").paragraph("p'1")
                .note("advice", "Advice.", "do <this>").legend("Bars:", Map.of("#123456", "kind"))
                .append(t).write(file);
        String html = Files.readString(file);
        assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"), html);
        assertTrue(html.endsWith("</body></html>\n"));
        assertTrue(html.contains("<title>T &lt;1&gt;</title>") && html.contains("<h1>H &amp; 1</h1>"), html);
        assertTrue(html.contains("<h2 id=\"sec\">Section</h2>") && html.contains("<p>p&#39;1</p>"), html);
        assertTrue(html.contains("<p class=\"advice\"><b>Advice.</b> do &lt;this&gt;</p>"), html);
        assertTrue(html.contains("<span style=\"background:#123456\"></span>kind"), html);
        assertTrue(html.contains(".x{fill:red}\n</style>"), html);
        assertTrue(html.contains("<table><tr><th>name</th><th class=\"l\">note</th></tr>\n"
                + "<tr><td title=\"t&quot;1\"><a href=\"#a&lt;b\">a&lt;b</a></td><td class=\"l bad\">x &amp; y</td></tr>\n</table>\n"), html);
    }

    @Test
    void scriptsAndStyleBreakoutsAreRefused() {
        HtmlPage page = HtmlPage.titled("t");
        assertThrows(IllegalArgumentException.class, () -> page.markup("<SCRIPT>alert(1)</SCRIPT>"));
        assertThrows(IllegalArgumentException.class, () -> page.style("</style><script>"));
        assertFalse(page.markup("<hr>\n").html().contains("script"));
    }
}
