package io.tandem.bench;

import io.tandem.report.Cell;
import io.tandem.report.HtmlPage;
import io.tandem.report.Table;

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
    /** Adds the programs section to {@code page} (nothing when no program ran). */
    static void html(HtmlPage page, List<ScenarioResult> scenarios) {
        List<ProgramVerdict> vs = ProgramVerdict.of(scenarios);
        if (vs.isEmpty()) {
            return;
        }
        page.h2("programs", "Programs").paragraph(TITLE + ".");
        Table t = Table.withHeader("program", "N", "Python", "Tandem", "Python/Tandem", "goal", "met", Cell.of("noise").withClass("l"));
        for (ProgramVerdict v : vs) {
            t.row(v.name(), String.format(Locale.ROOT, "%,d", v.size()), BenchReport.seconds(v.pythonMedian()),
                    BenchReport.seconds(v.tandemMedian()), BenchReport.ratio(v.ratio()), v.goalText(),
                    Cell.of(v.metText()).withClass(v.met().orElse(false) ? "ok" : "bad"),
                    Cell.of(v.noise().isEmpty() ? "-" : v.noise()).withClass("l"));
        }
        page.append(t);
    }

    /** The JSON list ({@code "programs"}), for {@link BenchReport#toJson()}: one object per program. */
    static List<Object> json(List<ScenarioResult> scenarios) {
        return new ArrayList<>(ProgramVerdict.of(scenarios).stream().map(ProgramVerdict::toJsonMap).toList());
    }
}
