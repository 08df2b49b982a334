package io.tandem.data;

import io.tandem.Pools;
import io.tandem.TaskPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Chunk boundaries of files and arrays, on threads and virtual threads. */
class ChunksTest {
    @TempDir
    Path dir;

    @Test
    void everyCutIsAfterANewlineAndTheChunksCoverTheFileExactly() throws IOException {
        long seed = System.nanoTime();
        SplittableRandom rnd = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder();
        int lines = 2_000;
        for (int i = 0; i < lines; i++) {
            sb.append("x".repeat(rnd.nextInt(0, 300))).append('\n'); // some lines longer than a chunk
        }
        Path file = write("lines.txt", sb.toString());
        for (int n = 1; n <= 40; n++) {
            try (FileChunks chunks = Chunks.of(file, n); TaskPool pool = Pools.threads(2)) {
                long expectedOffset = 0;
                for (FileChunk c : chunks.list()) {
                    assertEquals(expectedOffset, c.offset(), "seed " + seed + ", " + n + " chunks: " + chunks.list());
                    assertTrue(c.length() > 0);
                    assertEquals('\n', chunks.segment().get(ValueLayout.JAVA_BYTE, c.offset() + c.length() - 1));
                    expectedOffset += c.length();
                }
                assertEquals(Files.size(file), expectedOffset);
                assertEquals(lines, chunks.mapReduce(pool, Chunks::countLines, Long::sum), "seed " + seed);
            }
        }
    }

    @Test
    void aMultiByteCharacterOnTheCutPointStaysWhole() throws IOException {
        // 'ü' is 2 bytes and '€' 3: make the raw cut (size / 2) fall inside each of them
        for (String ch : List.of("ü", "€", "😀")) {
            for (int pad = 0; pad < 6; pad++) {
                String line = "Z" + ch.repeat(20) + "rich;1.5\n";
                String text = "a".repeat(pad) + ";2.0\n" + line + line;
                Path file = write("utf8.txt", text);
                try (FileChunks chunks = Chunks.of(file, 7); TaskPool pool = Pools.virtual()) {
                    List<String> decoded = chunks.map(pool, c -> strict(c.segment()));
                    assertEquals(text, String.join("", decoded));
                    KeyedStats s = chunks.mapReduce(pool, c -> KeyedStats.parse(c, ';'), KeyedStats::merge);
                    assertEquals(2, s.toMap().get("Z" + ch.repeat(20) + "rich").count());
                }
            }
        }
    }

    private static String strict(MemorySegment s) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(s.toArray(ValueLayout.JAVA_BYTE))).toString();
    }

    @Test
    void aLastLineWithoutNewlineCounts() throws IOException {
        Path file = write("tail.txt", "a;1.0\nb;-2.5\nc;3");
        try (FileChunks chunks = Chunks.of(file, 3); TaskPool pool = Pools.threads(2)) {
            assertEquals(3, chunks.mapReduce(pool, Chunks::countLines, Long::sum));
            KeyedStats s = chunks.mapReduce(pool, c -> KeyedStats.parse(c, ';'), KeyedStats::merge);
            assertEquals("{a=1.0/1.0/1.0, b=-2.5/-2.5/-2.5, c=3.0/3.0/3.0}", s.toString());
        }
    }

    @Test
    void anEmptyFileIsOneEmptyChunk() throws IOException {
        Path file = write("empty.txt", "");
        try (FileChunks chunks = Chunks.of(file); TaskPool pool = Pools.threads(2)) {
            assertEquals(1, chunks.count());
            assertEquals(0, chunks.list().getFirst().length());
            assertEquals(0, chunks.mapReduce(pool, Chunks::countLines, Long::sum));
            KeyedStats s = chunks.mapReduce(pool, c -> KeyedStats.parse(c, ';'), KeyedStats::merge);
            assertEquals(0, s.rows());
            assertEquals("{}", s.toString());
        }
        Frame f = Frame.readCsv(file, CsvOptions.defaults().header(false).names("a", "b"));
        assertEquals(0, f.rowCount());
    }

    /**
     * A 3 GB file that costs no disk (sparse: setLength, then a few lines written at chosen offsets): chunks
     * beyond 2 GB are mapped and read, a line straddling 2^31 is read whole, and nothing reads the holes.
     */
    @Test
    void aSparseFileLargerThan2GbIsChunkedAndReadBeyond2Gb() throws IOException {
        Path file = dir.resolve("sparse.txt");
        long size = 3L << 30;
        long straddle = (1L << 31) - 5;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size);
            raf.seek(size / 3 + 10);
            raf.write('\n');
            raf.seek(straddle - 1);
            raf.write("\nZürich;12.3\n".getBytes(StandardCharsets.UTF_8));
            raf.seek(size - 1);
            raf.write('\n');
        }
        try (FileChunks chunks = Chunks.of(file, 3); TaskPool pool = Pools.threads(2)) {
            assertEquals(3, chunks.count(), chunks.list().toString());
            assertEquals(size, chunks.list().stream().mapToLong(FileChunk::length).sum());
            FileChunk last = chunks.list().getLast();
            assertEquals(straddle + "Zürich;12.3\n".getBytes(StandardCharsets.UTF_8).length, last.offset(),
                    "the cut after 2 GB moved to the newline after the straddling line");
            // read only the bytes around 2^31, from inside the chunk that holds them
            List<String> around = chunks.map(pool, c -> {
                if (c.offset() > straddle || c.offset() + c.length() <= straddle) {
                    return "";
                }
                MemorySegment s = c.segment().asSlice(straddle - c.offset(), 13);
                return new String(s.toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
            });
            assertEquals("Zürich;12.3\n", String.join("", around));
            assertEquals('\n', (char) chunks.map(pool, c -> c.segment().get(ValueLayout.JAVA_BYTE, c.length() - 1)).getLast().byteValue());
        }
    }

    @Test
    void arraysAreChunkedInPlace() {
        long[] values = LongStream.range(0, 1_000_003).toArray();
        try (TaskPool pool = Pools.threads(2)) {
            for (int len : new int[] {1_000, 77_777, 1_000_003, 5_000_000}) {
                ArrayChunks chunks = Chunks.of(values, len);
                assertEquals((values.length + len - 1) / len, chunks.count());
                long sum = chunks.mapReduce(pool, c -> c.longs().sum(), Long::sum);
                assertEquals(LongStream.range(0, 1_000_003).sum(), sum);
                List<Long> firsts = chunks.map(pool, c -> c.getLong(0));
                assertEquals(0L, firsts.getFirst());
                assertEquals((long) len, chunks.count() > 1 ? firsts.get(1) : (long) len);
            }
            double[] ds = {1.5, 2.5, 3.5};
            assertEquals(7.5, Chunks.of(ds, 2).mapReduce(pool, c -> c.doubles().sum(), Double::sum));
            assertEquals(0L, Chunks.of(new long[0]).mapReduce(pool, c -> c.longs().sum(), Long::sum));
            assertThrows(IllegalStateException.class, () -> Chunks.of(ds).list().getFirst().getLong(0));
            assertThrows(IllegalArgumentException.class, () -> Chunks.of(values, 0));
        }
    }

    @Test
    void progressCountsEveryByte() throws IOException {
        Path file = write("p.txt", "a;1.0\n".repeat(10_000));
        try (FileChunks chunks = Chunks.of(file, 9); TaskPool pool = Pools.threads(2);
             io.tandem.Progress progress = io.tandem.Progress.silent()) {
            chunks.mapReduce(pool, Chunks::countLines, Long::sum, progress);
            assertEquals(Files.size(file), progress.total());
            assertEquals(Files.size(file), progress.done());
        }
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }
}
