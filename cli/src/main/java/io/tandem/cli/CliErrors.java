package io.tandem.cli;

import io.tandem.graph.GraphException;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Locale;

/**
 * How every {@code tandem} command reports a failure: one line on stderr, {@code tandem CMD: what is
 * wrong}, and an exit status: 2 for input the command cannot use (a bad option, number, file or address,
 * an unknown command, a malformed run file), 1 for anything else. No Java stack trace, except that
 * {@code --verbose} adds the trace of an exception a command threw. Stateless; used on the thread that
 * runs the command line.
 */
final class CliErrors implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {
    static final int BAD_INPUT = 2;
    static final int FAILED = 1;

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        String message = ex.getMessage();
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String first = u.getUnmatched().getFirst();
            boolean command = cl.getCommandSpec().parent() == null && !first.startsWith("-");
            message = command ? "unknown command '" + first + "'; commands: " + String.join(", ", cl.getSubcommands().keySet())
                    : (first.startsWith("-") ? "unknown option '" : "unexpected argument '") + first + "'";
            List<String> suggestions = u.getSuggestions();
            if (!suggestions.isEmpty() && !command) {
                message += "; did you mean " + String.join(" or ", suggestions) + "?";
            }
        }
        PrintWriter err = cl.getErr();
        err.println(cl.getCommandSpec().qualifiedName() + ": " + oneLine(message) + " (see '"
                + cl.getCommandSpec().qualifiedName() + " --help')");
        // no stack trace even with --verbose: it would show picocli's parser, not the problem
        err.flush();
        return BAD_INPUT;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        Throwable e = ex instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : ex;
        int status = badInput(e) ? BAD_INPUT : FAILED;
        String what = status == BAD_INPUT ? describe(e)
                : "failed: " + describe(e) + (verbose(cl) ? "" : " (--verbose shows the stack trace)");
        PrintWriter err = cl.getErr();
        err.println(cl.getCommandSpec().qualifiedName() + ": " + oneLine(what));
        if (verbose(cl)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return status;
    }

    static boolean verbose(CommandLine cl) {
        return cl.getCommandSpec().root().userObject() instanceof Main m && m.verbose;
    }

    private static boolean badInput(Throwable e) {
        return e instanceof BadInputException || e instanceof GraphException || e instanceof IllegalArgumentException
                || e instanceof NoSuchFileException || e instanceof AccessDeniedException || e instanceof CharacterCodingException
                || e instanceof BindException;
    }

    /** What went wrong in words, for any exception: the phrase users know for common file errors. */
    static String describe(Throwable e) {
        return switch (e) {
            case BadInputException b -> b.getMessage();
            case NoSuchFileException n -> "no such file: " + n.getFile();
            case AccessDeniedException a -> "permission denied: " + a.getFile();
            case FileSystemException f -> f.getFile() + ": " + (f.getReason() != null ? f.getReason() : f.getClass().getSimpleName());
            case CharacterCodingException c -> "the file is not UTF-8 text";
            case IOException io -> io.getMessage() != null ? io.getMessage() : io.toString();
            default -> e.getMessage() != null && !e.getMessage().isBlank() ? e.getMessage() : e.toString();
        };
    }

    /** Collapses line breaks and escapes other control characters, so a message stays one line. */
    static String oneLine(String s) {
        StringBuilder b = new StringBuilder();
        String t = String.valueOf(s).strip();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\n' || c == '\r') {
                while (i + 1 < t.length() && Character.isWhitespace(t.charAt(i + 1))) {
                    i++;
                }
                b.append(' ');
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
