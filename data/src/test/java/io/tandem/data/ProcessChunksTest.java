package io.tandem.data;

import io.tandem.Pools;
import io.tandem.TaskPool;
import io.tandem.process.ProcessPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Map-reduce on worker JVMs for real: a file's chunks travel as offsets and each worker maps its range; an
 * array travels once through shared memory.
 */
class ProcessChunksTest {
    @TempDir
    static Path dir;

    @Test
    void aFileIsMapReducedInWorkerProcessesAsOnThreads() throws Exception {
        SplittableRandom rnd = new SplittableRandom(42);
        StringBuilder sb = new StringBuilder();
        String[] keys = {"Oslo", "Zürich", "São Paulo", "Lima"};
        for (int i = 0; i < 50_000; i++) {
            sb.append(keys[rnd.nextInt(keys.length)]).append(';').append(rnd.nextInt(-999, 1000) / 10.0).append('\n');
        }
        Path file = Files.writeString(dir.resolve("m.txt"), sb, StandardCharsets.UTF_8);
        try (ProcessPool workers = ProcessPool.create(2); TaskPool threads = Pools.threads(2);
             FileChunks chunks = Chunks.of(file, 6)) {
            KeyedStats inWorkers = chunks.mapReduce(workers, c -> KeyedStats.parse(c, ';'), KeyedStats::merge);
            KeyedStats onThreads = chunks.mapReduce(threads, c -> KeyedStats.parse(c, ';'), KeyedStats::merge);
            assertEquals(KeyedStatsTest.plain(file), inWorkers.toString());
            assertEquals(onThreads.toString(), inWorkers.toString());
            List<Long> pids = chunks.map(workers, c -> ProcessHandle.current().pid());
            assertTrue(pids.stream().noneMatch(p -> p == ProcessHandle.current().pid()), "ran in workers: " + pids);
            // the worker mapped the range itself: its first byte is the line start the parent cut at
            List<Byte> firsts = chunks.map(workers, c -> c.segment().get(ValueLayout.JAVA_BYTE, 0));
            for (int k = 1; k < chunks.count(); k++) {
                assertEquals(chunks.segment().get(ValueLayout.JAVA_BYTE, chunks.list().get(k).offset()), firsts.get(k));
            }
            // a malformed row found in a worker names the file and line
            Path bad = Files.writeString(dir.resolve("bad.txt"), sb + "Oslo;warm\n", StandardCharsets.UTF_8);
            try (FileChunks badChunks = Chunks.of(bad, 3)) {
                MalformedRowException e = assertThrows(MalformedRowException.class,
                        () -> badChunks.mapReduce(workers, c -> KeyedStats.parse(c, ';'), KeyedStats::merge));
                assertEquals(50_001, e.line(), e.getMessage());
            }
            // arrays: copied once into shared memory, chunks read in the workers
            long[] values = LongStream.range(0, 2_000_000).map(i -> i * 7 % 1009).toArray();
            ArrayChunks arrays = Chunks.of(values, 300_000);
            long sum = arrays.mapReduce(workers, c -> c.longs().sum(), Long::sum);
            assertEquals(LongStream.of(values).sum(), sum);
            List<Long> froms = arrays.map(workers, ArrayChunk::from);
            assertEquals(LongStream.range(0, 7).map(k -> k * 300_000).boxed().toList(), froms);
            double[] ds = {0.5, 1.5, 2.5};
            assertEquals(4.5, Chunks.of(ds, 1).mapReduce(workers, c -> c.getDouble(0), Double::sum));
            // the seed: frame chunks to worker processes (copied, as pandas pickles them)
            Frame df = Frame.of("A", LongStream.range(0, 1_000_000).toArray());
            assertEquals(List.of(49_999.5, 149_999.5, 249_999.5, 349_999.5, 449_999.5, 549_999.5, 649_999.5,
                    749_999.5, 849_999.5, 949_999.5), df.chunks(100_000).map(workers, c -> c.column("A").mean()));
            assertNotEquals(0, workers.workerPids().size());
        }
    }

    @Test
    void csvIsReadInWorkerProcesses() throws IOException {
        StringBuilder sb = new StringBuilder("k,v\n");
        for (int i = 0; i < 30_000; i++) {
            sb.append("k").append(i % 13).append(",").append(i).append('\n');
        }
        Path file = Files.writeString(dir.resolve("kv.csv"), sb, StandardCharsets.UTF_8);
        try (ProcessPool workers = ProcessPool.create(2)) {
            Frame f = Frame.readCsv(file, CsvOptions.defaults().pool(workers).chunks(5));
            assertEquals(30_000, f.rowCount());
            assertEquals(LongStream.range(0, 30_000).sum(), f.column("v").sumLong());
            assertEquals(13, f.groupBy("k").agg(Agg.count()).rowCount());
        }
    }
}
