package io.tandem.graph.runfile;

import io.tandem.graph.GraphException;

/**
 * A run file that cannot run: malformed YAML/JSON, a wrong type or value, an unknown key, an unknown
 * dependency or a cycle. The message starts with {@code FILE:LINE:COLUMN:} (1-based) and says what
 * was expected; nothing runs.
 *
 * <p>Thread safety: immutable once thrown.
 */
public class RunFileException extends GraphException {
    private final String file;
    private final int line;
    private final int column;

    public RunFileException(String file, int line, int column, String message) {
        super(null, line > 0 ? file + ":" + line + ":" + column + ": " + message : file + ": " + message);
        this.file = file;
        this.line = line;
        this.column = column;
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
