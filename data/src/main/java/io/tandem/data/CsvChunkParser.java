package io.tandem.data;

import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/*
 * An RFC 4180 parser for one newline-aligned chunk of a CSV file, into typed column arrays.
 *
 * The chunk's bytes are copied once from the mapped file into a byte[] (a plain array is the fastest thing
 * the JIT reads) and scanned once: a field is either quoted (to the closing quote; "" is an escaped quote;
 * newlines allowed) or unquoted (to the delimiter or the line end; a quote inside is malformed, which keeps
 * the quote parity of well-formed files exact, so Frame can realign chunk boundaries that fall inside a
 * quoted field). Numbers are parsed from the bytes without making a String: integers digit by digit, decimals
 * as a long mantissa over a power of ten when that is exact (at most 15 digits and 22 decimals: both
 * operands exact, so one correctly rounded division), anything else through Double.parseDouble. Strings are dictionary-encoded with
 * a per-chunk byte-keyed open-addressing table, so each distinct value is decoded from UTF-8 once per chunk.
 * Chunks start after a '\n', which never occurs inside a multi-byte UTF-8 sequence, so decoding is safe.
 *
 * A malformed row throws Bad (no stack trace) inside the parser; run() turns it into a MalformedRowException
 * with the file, line and column, or skips to the next line and counts it.
 */
final class CsvChunkParser {
    private static final double[] POW10 = new double[23];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    /** A malformed row, found in the parser: a column (1-based) and what is wrong. */
    static final class Bad extends RuntimeException {
        final int column;

        Bad(int column, String message) {
            super(message, null, false, false);
            this.column = column;
        }
    }

    private final byte[] b;
    private final int n;
    private final byte delim;
    private final ColumnType[] types;
    private final String[] names;

    private long[][] longs;
    private double[][] doubles;
    private int[][] codes;
    private ByteDictionary[] dicts;
    private int rows;
    private int capacity;

    // the last field read
    private int fStart;
    private int fEnd;
    private boolean fEscaped;

    CsvChunkParser(byte[] bytes, int length, char delimiter, String[] names, ColumnType[] types) {
        this.b = bytes;
        this.n = length;
        this.delim = (byte) delimiter;
        this.types = types;
        this.names = names;
    }

    /** Parses every row of {@code chunk} (after its first line when {@code skipFirstLine}). */
    static CsvPart parse(FileChunk chunk, char delimiter, String[] names, ColumnType[] types, boolean skipFirstLine,
                         boolean skip) {
        byte[] bytes = chunk.segment().toArray(ValueLayout.JAVA_BYTE);
        return new CsvChunkParser(bytes, bytes.length, delimiter, names, types).run(chunk, skipFirstLine, skip);
    }

    private CsvPart run(FileChunk chunk, boolean skipFirstLine, boolean skip) {
        int nc = types.length;
        capacity = Math.max(16, n / 8);
        longs = new long[nc][];
        doubles = new double[nc][];
        codes = new int[nc][];
        dicts = new ByteDictionary[nc];
        for (int c = 0; c < nc; c++) {
            switch (types[c]) {
                case LONG -> longs[c] = new long[capacity];
                case DOUBLE -> doubles[c] = new double[capacity];
                case STRING -> {
                    codes[c] = new int[capacity];
                    dicts[c] = new ByteDictionary();
                }
            }
        }
        long skipped = 0;
        int p = 0;
        if (skipFirstLine && n > 0) {
            try {
                p = record(0, null);
            } catch (Bad e) {
                throw new MalformedRowException(chunk.path(), 1, e.column, null, "header: " + e.getMessage());
            }
        }
        while (p < n) {
            if (b[p] == '\n') {
                p++;
                continue;
            }
            if (b[p] == '\r' && (p + 1 == n || b[p + 1] == '\n')) {
                p += 2;
                continue;
            }
            try {
                p = row(p);
            } catch (Bad e) {
                if (!skip) {
                    throw new MalformedRowException(chunk.path(), chunk.lineNumberAt(p), e.column,
                            e.column <= names.length ? names[e.column - 1] : null, e.getMessage());
                }
                skipped++;
                int nl = p;
                while (nl < n && b[nl] != '\n') {
                    nl++;
                }
                p = nl + 1;
            }
        }
        Object[] columns = new Object[nc];
        String[][] dictionaries = new String[nc][];
        for (int c = 0; c < nc; c++) {
            switch (types[c]) {
                case LONG -> columns[c] = Arrays.copyOf(longs[c], rows);
                case DOUBLE -> columns[c] = Arrays.copyOf(doubles[c], rows);
                case STRING -> {
                    columns[c] = Arrays.copyOf(codes[c], rows);
                    dictionaries[c] = dicts[c].values();
                }
            }
        }
        return new CsvPart(rows, columns, dictionaries, skipped);
    }

    /** One row into the columns; returns where the next starts. */
    private int row(int p) {
        if (rows == capacity) {
            grow();
        }
        int nc = types.length;
        for (int c = 0; c < nc; c++) {
            p = field(p, c + 1);
            byte t = p < n ? b[p] : (byte) '\n';
            if (c < nc - 1 && t != delim) {
                throw new Bad(c + 1, "expected " + nc + " fields, found " + (c + 1));
            }
            if (c == nc - 1 && t == delim) {
                throw new Bad(c + 2, "expected " + nc + " fields, found more");
            }
            store(c);
            p++;
        }
        rows++;
        return p;
    }

    /** One record as strings (header, sampling); returns where the next starts. */
    int record(int p, List<String> out) {
        while (true) {
            int column = out == null ? 1 : out.size() + 1;
            p = field(p, column);
            if (out != null) {
                out.add(text());
            }
            if (p >= n || b[p] == '\n') {
                return p + 1;
            }
            p++;
        }
    }

    /** Reads the field at {@code p}; returns the index of its terminator (delimiter, '\n', or n). */
    private int field(int p, int column) {
        if (p < n && b[p] == '"') {
            int q = p + 1;
            boolean escaped = false;
            while (true) {
                while (q < n && b[q] != '"') {
                    q++;
                }
                if (q >= n) {
                    throw new Bad(column, "a quoted field is not closed");
                }
                if (q + 1 < n && b[q + 1] == '"') {
                    escaped = true;
                    q += 2;
                    continue;
                }
                break;
            }
            fStart = p + 1;
            fEnd = q;
            fEscaped = escaped;
            int after = q + 1;
            if (after < n && b[after] == '\r' && (after + 1 == n || b[after + 1] == '\n')) {
                after++;
            }
            if (after < n && b[after] != delim && b[after] != '\n') {
                throw new Bad(column, "text after the closing quote of a quoted field");
            }
            return after;
        }
        int q = p;
        byte d = delim;
        while (q < n) {
            byte x = b[q];
            if (x == d || x == '\n') {
                break;
            }
            if (x == '"') {
                throw new Bad(column, "a quote inside an unquoted field (quote the whole field and double the quote)");
            }
            q++;
        }
        fStart = p;
        fEnd = q > p && b[q - 1] == '\r' && (q == n || b[q] == '\n') ? q - 1 : q;
        fEscaped = false;
        return q;
    }

    private void store(int c) {
        switch (types[c]) {
            case LONG -> longs[c][rows] = parseLong(c + 1);
            case DOUBLE -> doubles[c][rows] = parseDouble(c + 1);
            case STRING -> codes[c][rows] = fEscaped ? dicts[c].code(unescaped(), 0, unescapedLength)
                    : dicts[c].code(b, fStart, fEnd);
        }
    }

    private long parseLong(int column) {
        int p = fStart;
        int end = fEnd;
        boolean negative = false;
        if (p < end && (b[p] == '-' || b[p] == '+')) {
            negative = b[p] == '-';
            p++;
        }
        if (p == end || end - p > 18) {
            return slowLong(column);
        }
        long v = 0;
        for (; p < end; p++) {
            int digit = b[p] - '0';
            if (digit < 0 || digit > 9) {
                throw new Bad(column, quoted() + " is not an integer");
            }
            v = v * 10 + digit;
        }
        return negative ? -v : v;
    }

    private long slowLong(int column) {
        try {
            return Long.parseLong(text());
        } catch (NumberFormatException e) {
            throw new Bad(column, quoted() + " is not an integer");
        }
    }

    private double parseDouble(int column) {
        int p = fStart;
        int end = fEnd;
        boolean negative = false;
        if (p < end && (b[p] == '-' || b[p] == '+')) {
            negative = b[p] == '-';
            p++;
        }
        long m = 0;
        int digits = 0;
        int fraction = -1;
        for (; p < end; p++) {
            byte x = b[p];
            if (x >= '0' && x <= '9') {
                m = m * 10 + (x - '0');
                digits++;
                if (fraction >= 0) {
                    fraction++;
                }
            } else if (x == '.' && fraction < 0) {
                fraction = 0;
            } else {
                return slowDouble(column);
            }
        }
        if (digits == 0) {
            return slowDouble(column);
        }
        int scale = Math.max(fraction, 0);
        if (digits > 15 || scale >= POW10.length) {
            return slowDouble(column);
        }
        double v = scale == 0 ? m : m / POW10[scale];
        return negative ? -v : v;
    }

    private double slowDouble(int column) {
        String s = text().strip();
        boolean plain = !s.isEmpty();
        for (int i = 0; i < s.length() && plain; i++) {
            char ch = s.charAt(i);
            plain = ch >= '0' && ch <= '9' || ch == '.' || ch == '-' || ch == '+' || ch == 'e' || ch == 'E';
        }
        if (plain || s.equals("NaN") || s.equals("Infinity") || s.equals("-Infinity")) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new Bad(column, quoted() + " is not a number");
    }

    private int unescapedLength;

    /** The field's bytes with every doubled quote made single (into a fresh array). */
    private byte[] unescaped() {
        byte[] out = new byte[fEnd - fStart];
        int j = 0;
        for (int i = fStart; i < fEnd; i++) {
            out[j++] = b[i];
            if (b[i] == '"') {
                i++;
            }
        }
        unescapedLength = j;
        return out;
    }

    private String text() {
        if (fEscaped) {
            byte[] u = unescaped();
            return new String(u, 0, unescapedLength, StandardCharsets.UTF_8);
        }
        return new String(b, fStart, fEnd - fStart, StandardCharsets.UTF_8);
    }

    private String quoted() {
        String t = text();
        return "\"" + (t.length() > 40 ? t.substring(0, 40) + "..." : t) + "\"";
    }

    private void grow() {
        int next = capacity + (capacity >> 1) + 16;
        for (int c = 0; c < types.length; c++) {
            switch (types[c]) {
                case LONG -> longs[c] = Arrays.copyOf(longs[c], next);
                case DOUBLE -> doubles[c] = Arrays.copyOf(doubles[c], next);
                case STRING -> codes[c] = Arrays.copyOf(codes[c], next);
            }
        }
        capacity = next;
    }

    /** The first {@code maxRecords} records of {@code bytes} as strings (header and type sampling). */
    static List<List<String>> records(byte[] bytes, int length, char delimiter, int maxRecords) {
        CsvChunkParser p = new CsvChunkParser(bytes, length, delimiter, new String[0], new ColumnType[0]);
        List<List<String>> out = new ArrayList<>();
        int pos = 0;
        while (pos < length && out.size() < maxRecords) {
            if (bytes[pos] == '\n' || bytes[pos] == '\r' && (pos + 1 == length || bytes[pos + 1] == '\n')) {
                pos += bytes[pos] == '\n' ? 1 : 2;
                continue;
            }
            List<String> rec = new ArrayList<>();
            try {
                pos = p.record(pos, rec);
            } catch (Bad e) {
                break; // a sample ends at the first record cut off by the sample's end (or malformed: reported later)
            }
            out.add(rec);
        }
        return out;
    }

    /** Distinct byte strings to dense codes, decoding each from UTF-8 once. */
    static final class ByteDictionary {
        private int[] table = new int[64]; // code + 1, 0 = free
        private int[] hashes = new int[64];
        private byte[][] keys = new byte[16][];
        private String[] values = new String[16];
        private int size;

        int code(byte[] src, int from, int to) {
            int h = 1;
            for (int i = from; i < to; i++) {
                h = 31 * h + src[i];
            }
            h ^= h >>> 16;
            int mask = table.length - 1;
            int i = h & mask;
            while (true) {
                int e = table[i];
                if (e == 0) {
                    return insert(i, h, src, from, to);
                }
                if (hashes[i] == h && Arrays.equals(keys[e - 1], 0, keys[e - 1].length, src, from, to)) {
                    return e - 1;
                }
                i = (i + 1) & mask;
            }
        }

        private int insert(int slot, int h, byte[] src, int from, int to) {
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            keys[size] = Arrays.copyOfRange(src, from, to);
            values[size] = new String(src, from, to - from, StandardCharsets.UTF_8);
            table[slot] = size + 1;
            hashes[slot] = h;
            size++;
            if (size * 2 > table.length) {
                rehash();
            }
            return size - 1;
        }

        private void rehash() {
            int[] oldTable = table;
            int[] oldHashes = hashes;
            table = new int[oldTable.length * 2];
            hashes = new int[oldTable.length * 2];
            int mask = table.length - 1;
            for (int j = 0; j < oldTable.length; j++) {
                if (oldTable[j] != 0) {
                    int i = oldHashes[j] & mask;
                    while (table[i] != 0) {
                        i = (i + 1) & mask;
                    }
                    table[i] = oldTable[j];
                    hashes[i] = oldHashes[j];
                }
            }
        }

        String[] values() {
            return Arrays.copyOf(values, size);
        }
    }
}
