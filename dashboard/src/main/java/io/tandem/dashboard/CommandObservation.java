package io.tandem.dashboard;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * What {@code tandem run} and {@code tandem bench} open for {@code --dashboard}, {@code --bind} and
 * {@code --trace FILE}: the live page (its address printed), a recording for the trace, and JFR task events
 * whenever a JFR recording runs. Closing it writes the trace and stops the page; when the page was asked
 * for and a terminal is attached, it first waits for Enter so the finished run can still be looked at.
 *
 * <p>Concurrency: opened and closed by the command's thread.
 */
public final class CommandObservation implements AutoCloseable {
    private final AutoCloseable jfr;
    private final Recording recording;
    private final Dashboard dashboard;
    private final Path trace;
    private final PrintStream err;

    private CommandObservation(boolean page, String bind, Path trace, PrintStream err) throws IOException {
        this.trace = trace;
        this.err = err;
        this.jfr = JfrEvents.install();
        this.recording = page || trace != null ? Recording.start() : null;
        Dashboard d = null;
        if (page) {
            try {
                d = Dashboard.start(recording, bind, 0);
            } catch (IOException | RuntimeException e) {
                recording.close();
                closeQuietly(jfr);
                throw e;
            }
            err.println("dashboard: " + d.uri() + (bind.equals("127.0.0.1") ? "" : " (listening on " + bind + ": anyone who can reach it can read it)"));
        }
        this.dashboard = d;
    }

    /**
     * Opens what the options ask for. {@code bind} is where the page listens ({@code 127.0.0.1} unless
     * given); {@code trace} may be null.
     */
    public static CommandObservation open(boolean page, String bind, Path trace, PrintStream err) throws IOException {
        if (bind != null && !page) {
            throw new IllegalArgumentException("--bind " + bind + " applies to --dashboard only; add --dashboard");
        }
        return new CommandObservation(page, bind == null ? "127.0.0.1" : bind, trace, err);
    }

    /** Writes the trace, then (interactive runs with a page) waits for Enter, then stops everything. */
    @Override
    public void close() throws IOException {
        try {
            if (recording != null) {
                recording.close();
            }
            if (trace != null) {
                recording.writeChromeTrace(trace);
                err.println("trace: " + trace + " (open it in https://ui.perfetto.dev or chrome://tracing)");
            }
            if (dashboard != null && System.console() != null) {
                err.println("dashboard: the run is over; the page stays at " + dashboard.uri() + " until you press Enter");
                System.console().readLine();
            }
        } finally {
            if (dashboard != null) {
                dashboard.close();
            }
            closeQuietly(jfr);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            throw new IllegalStateException("unreachable: uninstalling JFR events does not fail", e);
        }
    }
}
