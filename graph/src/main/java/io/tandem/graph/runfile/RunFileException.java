package io.tandem.graph.runfile;

import io.tandem.graph.GraphException;

/**
 * A run file that cannot run: malformed YAML/JSON, a wrong type or value, an unknown key, an unknown
 * dependency or a cycle. The message starts with {@code FILE:LINE:COLUMN:} (1-based) and says what
 * was expected; nothing runs. The message is one line: control characters from the file (a newline in
 * a key, say) appear escaped, as {@code \n} or {@code \u001b}.
 *
 * <p>Thread safety: immutable once thrown.
 */
public class RunFileException extends GraphException {
    private final String file;
    private final int line;
    private final int column;

    public RunFileException(String file, int line, int column, String message) {
        super(null, oneLine(line > 0 ? file + ":" + line + ":" + column + ": " + message : file + ": " + message));
        this.file = file;
        this.line = line;
        this.column = column;
    }

    private static String oneLine(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    public String file() {
        return file;
    }

    /** 1-based line, 0 when unknown. */
    public int line() {
        return line;
    }

    /** 1-based column, 0 when unknown. */
    public int column() {
        return column;
    }
}
