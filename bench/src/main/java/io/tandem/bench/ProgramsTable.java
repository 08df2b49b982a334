package io.tandem.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The programs group's summary in every report format: one row per program with the Python and Tandem
 * medians (whole processes), Python/Tandem, the goal, whether it is met, and the noise each side printed.
 * Each method returns "" (or an empty list) when the run had no program. Stateless.
 */
final class ProgramsTable {
    private ProgramsTable() {
    }

    private static final String TITLE = "programs: each seed program as a whole process, python3 PROGRAM.py vs java -cp ... Program"
            + " (process start to exit, runs alternating); goal Python/Tandem >= 1.0, >= 3.0 where Python takes over 1 s";

    /** The plain-text table, for {@link BenchReport#toTable()}. */
    static String text(List<ScenarioResult> scenarios) {
        List<ProgramVerdict> vs = ProgramVerdict.of(scenarios);
        if (vs.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("\n== ").append(TITLE).append('\n');
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"program", "N", "Python", "Tandem", "Python/Tandem", "goal", "met", "noise"});
        for (ProgramVerdict v : vs) {
            rows.add(new String[] {v.name(), String.format(Locale.ROOT, "%,d", v.size()), BenchReport.seconds(v.pythonMedian()),
                    BenchReport.seconds(v.tandemMedian()), BenchReport.ratio(v.ratio()), v.goalText(), v.metText(),
                    v.noise().isEmpty() ? "-" : v.noise()});
        }
        int[] width = new int[rows.getFirst().length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length - 1; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(String.format("%-" + width[0] + "s", row[0]));
            for (int c = 1; c < row.length - 1; c++) {
                line.append("  ").append(String.format("%" + width[c] + "s", row[c]));
            }
            sb.append(line).append("  ").append(row[row.length - 1]).append('\n');
        }
        long met = vs.stream().filter(v -> v.met().orElse(false)).count();
        sb.append(String.format(Locale.ROOT, "goal met by %d of %d programs%n", met, vs.size()));
        return sb.toString();
    }

    /** The Markdown table, for {@link BenchReport#toMarkdown()}. */
    static String markdown(List<ScenarioResult> scenarios) {
        List<ProgramVerdict> vs = ProgramVerdict.of(scenarios);
        if (vs.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("\n").append(TITLE.replace("python3 PROGRAM.py vs java -cp ... Program",
                "`python3 PROGRAM.py` vs `java -cp ... Program`")).append(".\n\n");
        sb.append("| program | N | Python | Tandem | Python/Tandem | goal | met? | noise |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---|---|\n");
        for (ProgramVerdict v : vs) {
            sb.append(String.format(Locale.ROOT, "| %s | %,d | %s | %s | %s | %s | %s | %s |%n", v.name(), v.size(),
                    BenchReport.seconds(v.pythonMedian()), BenchReport.seconds(v.tandemMedian()), BenchReport.ratio(v.ratio()),
                    v.goalText().replace(">=", "≥"), v.met().map(m -> m ? "yes" : "**no**").orElse(v.metText()),
                    v.noise().isEmpty() ? "-" : v.noise().replace("|", "\\|")));
        }
        return sb.toString();
    }

    /** An HTML section (a heading and a table), for {@link HtmlReport}. */
    static String html(List<ScenarioResult> scenarios) {
        List<ProgramVerdict> vs = ProgramVerdict.of(scenarios);
        if (vs.isEmpty()) {
            return "";
        }
        StringBuilder h = new StringBuilder("<h2>Programs</h2>\n<p>").append(HtmlReport.esc(TITLE)).append(".</p>\n");
        h.append("<table><tr><th>program</th><th>N</th><th>Python</th><th>Tandem</th><th>Python/Tandem</th><th>goal</th>"
                + "<th>met</th><th class=\"l\">noise</th></tr>\n");
        for (ProgramVerdict v : vs) {
            h.append("<tr><td>").append(HtmlReport.esc(v.name())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%,d", v.size())).append("</td><td>")
                    .append(BenchReport.seconds(v.pythonMedian())).append("</td><td>")
                    .append(BenchReport.seconds(v.tandemMedian())).append("</td><td>")
                    .append(BenchReport.ratio(v.ratio())).append("</td><td>")
                    .append(HtmlReport.esc(v.goalText())).append("</td><td class=\"")
                    .append(v.met().orElse(false) ? "ok" : "bad").append("\">")
                    .append(HtmlReport.esc(v.metText())).append("</td><td class=\"l\">")
                    .append(HtmlReport.esc(v.noise().isEmpty() ? "-" : v.noise())).append("</td></tr>\n");
        }
        return h.append("</table>\n").toString();
    }

    /** The JSON list ({@code "programs"}), for {@link BenchReport#toJson()}: one object per program. */
    static List<Object> json(List<ScenarioResult> scenarios) {
        return new ArrayList<>(ProgramVerdict.of(scenarios).stream().map(ProgramVerdict::toJsonMap).toList());
    }
}
