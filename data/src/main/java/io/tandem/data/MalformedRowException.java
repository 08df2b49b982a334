package io.tandem.data;

import io.tandem.TandemException;

import java.io.Serial;
import java.nio.file.Path;

/**
 * A row that does not fit the format it was read with: too few or too many fields, text where a number was
 * expected, an unclosed quote. The message names the file, the 1-based line and column, and what was wrong,
 * for example {@code data.csv:12345: column 3 (temperature): "abc" is not a number}. Thrown instead of a
 * silently wrong answer unless the reader was told to skip and count such rows
 * ({@link OnMalformed#SKIP}).
 *
 * <p>Immutable; travels from worker processes as itself.
 */
public final class MalformedRowException extends TandemException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String file;
    private final long line;
    private final int column;

    MalformedRowException(Path file, long line, int column, String columnName, String problem) {
        super(file + ":" + line + ": column " + column + (columnName == null ? "" : " (" + columnName + ")") + ": " + problem);
        this.file = String.valueOf(file);
        this.line = line;
        this.column = column;
    }

    /** The file the row is in. */
    public Path file() {
        return Path.of(file);
    }

    /** The row's 1-based line number in the file. */
    public long line() {
        return line;
    }

    /** The 1-based number of the field where the problem is. */
    public int column() {
        return column;
    }
}
