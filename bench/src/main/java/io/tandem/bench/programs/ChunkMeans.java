package io.tandem.bench.programs;

import io.tandem.process.ProcessPool;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * Seed 004's DataFrame chunks processed in a {@code ProcessPoolExecutor}, as a user ports it from the
 * README (where chunked data processing is still planned): a {@code long[]} column cut into 10 chunks,
 * each chunk's mean computed in a {@link ProcessPool} worker, so each chunk is copied to a worker as
 * pandas chunks are pickled. Usage: {@code ChunkMeans ROWS}; prints {@code Results: [m0, m1, ...]} with
 * one decimal. Single-threaded main.
 */
public final class ChunkMeans {
    private ChunkMeans() {
    }

    static double processChunk(long[] chunk) {
        return (double) Arrays.stream(chunk).sum() / chunk.length;
    }

    public static void main(String[] args) {
        int rows = Integer.parseInt(args[0]);
        long[] column = LongStream.range(0, rows).toArray();
        int size = rows / 10;
        List<long[]> chunks = new ArrayList<>();
        for (int i = 0; i < rows; i += size) {
            chunks.add(Arrays.copyOfRange(column, i, Math.min(rows, i + size)));
        }
        try (ProcessPool executor = ProcessPool.create()) {
            List<Double> results = executor.map(ChunkMeans::processChunk, chunks);
            System.out.println("Results: [" + results.stream().map(m -> String.format(Locale.ROOT, "%.1f", m))
                    .collect(Collectors.joining(", ")) + "]");
        }
    }
}
