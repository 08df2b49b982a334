package io.tandem.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/**
 * Runs {@code tandem ARGS} in this JVM exactly as {@link Main#main} does, capturing stdout and stderr
 * (every command writes through picocli's writers), and checks the bad-input contract.
 */
record CliRun(List<String> args, int status, String out, String err) {

    static CliRun of(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute(args);
        return new CliRun(List.of(args), status, out.toString(), err.toString());
    }

    /** Why this is not "one line on stderr naming the problem, exit status 2, no stack trace", or null. */
    String notABadInputAnswer() {
        List<String> lines = err.lines().toList();
        if (status != 2) {
            return "exit status " + status + ", expected 2";
        }
        if (lines.size() != 1) {
            return lines.size() + " lines on stderr, expected 1";
        }
        if (!lines.getFirst().startsWith("tandem")) {
            return "stderr does not start with the command's name";
        }
        return hasStackTrace(err) ? "a stack trace on stderr" : null;
    }

    static boolean hasStackTrace(String s) {
        return s.contains("\tat ") || s.contains("Exception in thread") || s.matches("(?s).*\\n\\s+at [\\w.$]+\\(.*")
                || s.contains("Caused by:");
    }

    @Override
    public String toString() {
        return "tandem " + String.join(" ", args) + "\n-> status " + status + "\n--- stderr ---\n" + err + "--- stdout ---\n" + out;
    }
}
