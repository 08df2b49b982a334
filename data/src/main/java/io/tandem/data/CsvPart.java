package io.tandem.data;

import java.io.Serial;
import java.io.Serializable;

/**
 * What parsing one chunk of a CSV file gives: its rows as one array per column ({@code long[]},
 * {@code double[]}, or {@code int[]} codes into the chunk's own dictionary for strings) and the malformed
 * rows it skipped. Travels back from worker processes; the caller owns it.
 */
record CsvPart(int rows, Object[] columns, String[][] dictionaries, long skipped) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
}
