package io.tandem.data;

import io.tandem.Pools;
import io.tandem.TaskPool;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

/*
 * Frame.readCsv: plan in the caller, parse the chunks on the pool, assemble in the caller.
 *
 * 1. Map the file and cut it into newline-aligned chunks (Chunks.of).
 * 2. Read the first records (at most 1 MB) in the caller: the header, and a sample of 100 rows to infer the
 *    types of the columns the options do not type.
 * 3. A newline inside a quoted field may have been taken for a row end by the cut. Quotes in well-formed
 *    RFC 4180 come in pairs (a field is quoted whole and "" escapes), so the parity of the quotes before a cut
 *    says whether it fell inside a quoted field: the chunks count their quotes in parallel, and a cut with an
 *    odd count before it moves to the first newline after the quoted field closes. Skipped when the file has
 *    no quote at all.
 * 4. Parse each chunk into typed arrays on the pool (CsvChunkParser); a worker process maps its own range.
 * 5. Merge the chunks' string dictionaries into one per column and renumber each part's codes, part by part
 *    in parallel. The parts stay separate arrays: the frame is never concatenated.
 */
final class CsvFrameReader {
    private static final int SAMPLE_BYTES = 1 << 20;
    private static final int SAMPLE_ROWS = 100;

    private CsvFrameReader() {
    }

    static Frame read(Path path, CsvOptions options) throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(options, "options");
        try (FileChunks chunks = options.chunks() > 0 ? Chunks.of(path, options.chunks()) : Chunks.of(path)) {
            if (options.pool() != null) {
                return read(chunks, options, options.pool());
            }
            try (TaskPool pool = Pools.threads()) {
                return read(chunks, options, pool);
            }
        }
    }

    private static Frame read(FileChunks chunks, CsvOptions options, TaskPool pool) {
        MemorySegment whole = chunks.segment();
        int sampleLength = (int) Math.min(whole.byteSize(), SAMPLE_BYTES);
        byte[] sample = whole.asSlice(0, sampleLength).toArray(ValueLayout.JAVA_BYTE);
        char delimiter = options.delimiter();
        List<List<String>> records = CsvChunkParser.records(sample, sampleLength, delimiter, SAMPLE_ROWS + 1);
        String[] names = names(options, records, chunks.path());
        List<List<String>> rows = options.header() && !records.isEmpty() ? records.subList(1, records.size()) : records;
        ColumnType[] types = types(options, names, rows);
        List<FileChunk> parts = realign(chunks, pool);
        boolean header = options.header();
        boolean skip = options.onMalformed() == OnMalformed.SKIP;
        List<CsvPart> parsed = chunks.map(pool, parts,
                c -> CsvChunkParser.parse(c, delimiter, names, types, header && c.offset() == 0, skip));
        return assemble(names, types, parsed);
    }

    private static String[] names(CsvOptions options, List<List<String>> records, Path path) {
        if (options.names() != null) {
            if (options.header() && !records.isEmpty() && records.get(0).size() != options.names().size()) {
                throw new IllegalArgumentException(path + " has " + records.get(0).size() + " columns in its header, but "
                        + options.names().size() + " names were given: " + options.names());
            }
            return options.names().toArray(new String[0]);
        }
        if (records.isEmpty()) {
            throw new IllegalArgumentException(path + " is empty: give the column names with CsvOptions.names(...)");
        }
        if (options.header()) {
            List<String> h = records.get(0);
            if (h.stream().distinct().count() != h.size() || h.stream().anyMatch(String::isEmpty)) {
                throw new IllegalArgumentException(path + ": the header names a column twice or leaves one empty: " + h
                        + "; give names with CsvOptions.names(...)");
            }
            return h.toArray(new String[0]);
        }
        return IntStream.rangeClosed(1, records.get(0).size()).mapToObj(i -> "column" + i).toArray(String[]::new);
    }

    private static ColumnType[] types(CsvOptions options, String[] names, List<List<String>> rows) {
        for (String typed : options.types().keySet()) {
            if (!Arrays.asList(names).contains(typed)) {
                throw new IllegalArgumentException("a type was given for column '" + typed + "', but the columns are "
                        + Arrays.toString(names));
            }
        }
        ColumnType[] types = new ColumnType[names.length];
        for (int c = 0; c < names.length; c++) {
            ColumnType given = options.types().get(names[c]);
            types[c] = given != null ? given : infer(rows, c);
        }
        return types;
    }

    private static ColumnType infer(List<List<String>> rows, int c) {
        boolean longs = true;
        boolean doubles = true;
        int seen = 0;
        for (List<String> r : rows) {
            if (c >= r.size()) {
                continue;
            }
            String v = r.get(c).strip();
            seen++;
            longs &= v.matches("[-+]?\\d{1,18}");
            doubles &= v.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?|NaN|-?Infinity");
        }
        return seen == 0 ? ColumnType.STRING : longs ? ColumnType.LONG : doubles ? ColumnType.DOUBLE : ColumnType.STRING;
    }

    /** The chunks, with every cut that fell inside a quoted field moved past it (see the top). */
    private static List<FileChunk> realign(FileChunks chunks, TaskPool pool) {
        List<FileChunk> list = chunks.list();
        if (list.size() < 2 || Bytes.indexOf(chunks.segment(), (byte) '"', 0) < 0) {
            return list;
        }
        List<Long> quotes = chunks.map(pool, c -> {
            MemorySegment s = c.segment();
            return Bytes.count(s, (byte) '"', 0, s.byteSize());
        });
        MemorySegment whole = chunks.segment();
        List<Long> starts = new ArrayList<>();
        starts.add(0L);
        long before = 0;
        for (int k = 1; k < list.size(); k++) {
            before += quotes.get(k - 1);
            long start = list.get(k).offset();
            if ((before & 1) == 1) {
                start = afterQuotedField(whole, start);
            }
            if (start > starts.getLast() && start < whole.byteSize()) {
                starts.add(start);
            }
        }
        return chunks.cutAt(starts);
    }

    /** From inside a quoted field at {@code p}: the position after the first newline outside quotes. */
    private static long afterQuotedField(MemorySegment s, long p) {
        boolean inside = true;
        long size = s.byteSize();
        for (; p < size; p++) {
            byte b = s.get(ValueLayout.JAVA_BYTE, p);
            if (b == '"') {
                inside = !inside;
            } else if (b == '\n' && !inside) {
                return p + 1;
            }
        }
        return size;
    }

    private static Frame assemble(String[] names, ColumnType[] types, List<CsvPart> parsed) {
        List<CsvPart> parts = parsed.stream().filter(p -> p.rows() > 0).toList();
        long skipped = parsed.stream().mapToLong(CsvPart::skipped).sum();
        int nc = names.length;
        int[] partRows = parts.stream().mapToInt(CsvPart::rows).toArray();
        Object[][] data = new Object[nc][parts.size()];
        String[][] dicts = new String[nc][];
        for (int c = 0; c < nc; c++) {
            for (int p = 0; p < parts.size(); p++) {
                data[c][p] = parts.get(p).columns()[c];
            }
            if (types[c] != ColumnType.STRING) {
                continue;
            }
            Map<String, Integer> global = new HashMap<>();
            List<String> values = new ArrayList<>();
            int[][] remap = new int[parts.size()][];
            for (int p = 0; p < parts.size(); p++) {
                String[] local = parts.get(p).dictionaries()[c];
                remap[p] = new int[local.length];
                for (int i = 0; i < local.length; i++) {
                    Integer g = global.get(local[i]);
                    if (g == null) {
                        g = values.size();
                        global.put(local[i], g);
                        values.add(local[i]);
                    }
                    remap[p][i] = g;
                }
            }
            int cc = c;
            IntStream.range(0, parts.size()).parallel().forEach(p -> {
                int[] codes = (int[]) data[cc][p];
                int[] m = remap[p];
                for (int i = 0; i < codes.length; i++) {
                    codes[i] = m[codes[i]];
                }
            });
            dicts[c] = values.toArray(new String[0]);
        }
        if (parts.isEmpty()) {
            for (int c = 0; c < nc; c++) {
                data[c] = new Object[] {switch (types[c]) {
                    case LONG -> new long[0];
                    case DOUBLE -> new double[0];
                    case STRING -> new int[0];
                }};
                if (types[c] == ColumnType.STRING) {
                    dicts[c] = new String[0];
                }
            }
            partRows = new int[] {0};
        }
        return new Frame(names, types, partRows, data, dicts, skipped);
    }
}
