package io.tandem.cli;

import io.tandem.dashboard.CommandObservation;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/** {@code --dashboard}, {@code --bind} and {@code --trace}, shared by {@code tandem run} and {@code tandem bench}. */
final class ObserveOptions {
    @Option(names = "--dashboard", description = "serve a live dashboard page of the run (its address is printed)")
    boolean dashboard;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "where the dashboard listens (default 127.0.0.1; 0.0.0.0: every interface)")
    String bind;

    @Option(names = "--trace", paramLabel = "FILE", description = "write the run as Chrome trace-event JSON (Perfetto, chrome://tracing)")
    Path trace;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    CommandObservation open(PrintStream err) throws IOException {
        if (bind != null && !dashboard) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--bind " + bind + " applies to --dashboard only; add --dashboard");
        }
        return CommandObservation.open(dashboard, bind, trace, err);
    }
}
