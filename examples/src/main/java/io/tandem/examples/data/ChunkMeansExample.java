package io.tandem.examples.data;

import io.tandem.data.ArrayChunk;
import io.tandem.data.Chunks;
import io.tandem.data.Frame;
import io.tandem.process.ProcessPool;

import java.io.PrintStream;
import java.util.List;
import java.util.stream.LongStream;

/**
 * Ports seed 004's chunked data processing:
 * <pre>
 * df = pd.DataFrame({'A': range(1000000)})
 * chunks = [df[i:i+100000] for i in range(0, len(df), 100000)]
 * with ProcessPoolExecutor() as executor:
 *     results = list(executor.map(process_chunk, chunks))     # process_chunk: chunk.mean()
 * </pre>
 * First as the seed does it: a {@link Frame}'s row chunks mapped on a {@link ProcessPool}, each chunk copied
 * to its worker as pandas pickles each slice. Then without the copy: the column as {@link Chunks} of a
 * {@code long[]}, which a process pool reads from shared memory (copied once into {@code /dev/shm}; each task
 * carries only its range).
 */
public final class ChunkMeansExample {
    private ChunkMeansExample() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** The seed's {@code process_chunk}: the chunk's mean. */
    static double processChunk(Frame chunk) {
        return chunk.column("A").mean();
    }

    /** Runs the example, printing on {@code out}. */
    public static void run(PrintStream out) throws Exception {
        long[] a = LongStream.range(0, 1_000_000).toArray();
        Frame df = Frame.of("A", a);
        try (ProcessPool executor = ProcessPool.create()) {
            List<Double> results = df.chunks(100_000).map(executor, ChunkMeansExample::processChunk);
            out.println("Results: " + results);

            List<Double> shared = Chunks.of(a, 100_000).map(executor, ChunkMeansExample::mean);
            out.println("Shared memory, no copy per chunk: " + shared);
            out.println("Same results: " + results.equals(shared));
        }
    }

    static double mean(ArrayChunk chunk) {
        return chunk.longs().average().orElse(Double.NaN);
    }
}
