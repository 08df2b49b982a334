package io.tandem.bench.programs;

import io.tandem.process.ProcessPool;

import java.util.List;
import java.util.stream.LongStream;

/**
 * Seed 004's {@code multiprocessing.Pool().map(calculate_square, numbers)} as a user ports it from the
 * README: a {@link ProcessPool} with one worker JVM per core, in try-with-resources. Usage:
 * {@code PoolSquares N} (the seed's N is 10); prints {@code N squares, sum S}. Single-threaded main.
 */
public final class PoolSquares {
    private PoolSquares() {
    }

    static long calculateSquare(long number) {
        return number * number;
    }

    public static void main(String[] args) {
        List<Long> numbers = LongStream.range(0, Integer.parseInt(args[0])).boxed().toList();
        try (ProcessPool pool = ProcessPool.create()) {
            List<Long> results = pool.map(PoolSquares::calculateSquare, numbers);
            long sum = results.stream().mapToLong(Long::longValue).sum();
            System.out.println(results.size() + " squares, sum " + sum);
        }
    }
}
