/**
 * Tandem report: the toolkit behind Tandem's offline HTML reports ({@code tandem bench --report},
 * {@code tandem run --report}). A page shell with inline CSS, HTML escaping, tables, and inline-SVG bar charts
 * and timelines; pages have no script and fetch nothing. Depends on the JDK only; {@code io.tandem.report} is
 * exported.
 */
module io.tandem.report {
    exports io.tandem.report;
}
