package io.tandem.report;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bar charts and timelines: every row shows, scales adapt to the data, and labels are escaped. */
class ChartsTest {

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void barsWhiskersAndMissingRows() {
        String svg = BarChart.describedAs("times <ms>").axisFormat(v -> String.format(Locale.ROOT, "%.1f s", v))
                .add(new BarChart.Bar("fast", 1.0, 0.9, 1.1, "#3b7dd8", false, "fast: 1 s", "1.0 s"))
                .add(new BarChart.Bar("slow<", 2.0, 2.0, 2.0, "#f0a030", true, "slow", "2.0 s (note)"))
                .missing("broken", "FAILED: boom & bust")
                .svg();
        assertTrue(svg.startsWith("<svg ") && svg.endsWith("</svg>\n"), svg);
        assertTrue(svg.contains("aria-label=\"times &lt;ms&gt;\""), svg);
        assertEquals(2, count(svg, "<rect "), "one bar per row with a value");
        assertTrue(svg.contains(">slow&lt;<") && svg.contains(">broken<"), svg);
        assertTrue(svg.contains("fill=\"#b00020\">FAILED: boom &amp; bust<"), "a missing row says why");
        assertTrue(svg.contains("fill-opacity=\"0.45\""), "a faded bar is translucent");
        assertTrue(svg.contains(">0</text>") && svg.contains(">2.0 s</text>") && !svg.contains("log scale"), svg);
        assertTrue(svg.contains("width=\"560.0\""), "the longest bar spans the axis: " + svg);
    }

    @Test
    void wideSpansUseALogarithmicAxis() {
        String svg = BarChart.describedAs("x")
                .add(new BarChart.Bar("a", 0.01, 0.01, 0.01, "#000", false, "", ""))
                .add(new BarChart.Bar("b", 1.0, 1.0, 1.0, "#000", false, "", "")).svg();
        assertTrue(svg.contains("log scale"), svg);
        assertThrows(IllegalArgumentException.class, () -> new BarChart.Bar("c", 1, 2, 3, "#000", false, "", ""));
        assertFalse(BarChart.describedAs("empty").missing("a", "SKIPPED").svg().contains("<rect"));
    }

    @Test
    void timelineLanesBarsAndAxis() {
        Timeline t = Timeline.over(100.0, ms -> String.format(Locale.ROOT, "%.0f ms", ms));
        t.lane("idle").lane("w#0");
        t.bar("w#0", 0, 50, "succeeded", "a <first>\n50 ms", "a-task-with-a-long-name");
        t.bar("w#1", 50, 50.1, "failed", "b", "b");
        String svg = t.svg();
        assertEquals(2, t.laneCount(), "lanes without bars are left out");
        assertFalse(svg.contains(">idle<"), svg);
        assertTrue(svg.indexOf(">w#0<") < svg.indexOf(">w#1<"), "lanes in the order first named");
        assertEquals(11, count(svg, "stroke=\"#ddd\""), "ten grid steps");
        assertTrue(svg.contains(">0 ms<") && svg.contains(">100 ms<"), svg);
        assertTrue(svg.contains("<title>a &lt;first&gt;\n50 ms</title>") && svg.contains("class=\"failed\""), svg);
        assertTrue(svg.contains(">a-task-with-a-long-name<"), "a wide bar carries its label: " + svg);
        assertEquals(1, count(svg, "fill=\"#fff\""), "a narrow bar does not");
        assertThrows(IllegalArgumentException.class, () -> t.bar("w#0", 5, 4, "x", "", ""));
        assertThrows(IllegalArgumentException.class, () -> Timeline.over(0, String::valueOf));
    }
}
