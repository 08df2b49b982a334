package io.tandem.examples;

import io.tandem.process.ProcessPool;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Ports seed 004's {@code multiprocessing.Pool().map(calculate_square, range(10))} and seed 000's
 * "Processing Data in Parallel" ({@code pool.map(process_data, data)}): the same {@code map} call, but on
 * a {@link ProcessPool}, whose workers are separate JVMs. The function is a method reference (serializable,
 * like a picklable module-level function); the items travel to the workers and the results come back in
 * input order. {@code map} chunks the items (as {@code Pool.map} does), so ten squares cost a couple of
 * messages, not ten.
 *
 * <p>The concurrency point: processes share no memory, so CPU-bound work runs on every core and a crash
 * in one worker cannot corrupt the parent; the price is starting the workers (about a second here) and
 * copying arguments and results.
 *
 * <p>The seed's {@code process_data} is a placeholder ("do some heavy CPU-bound processing here"); here it
 * finds the number below a bound with the longest Collatz chain, in eight blocks.
 */
public final class ProcessSquares {
    static final int BLOCKS = 8;
    static final int BLOCK_SIZE = 50_000;

    private ProcessSquares() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** Runs the example, printing on {@code out}. */
    public static void run(PrintStream out) throws Exception {
        List<Integer> numbers = IntStream.range(0, 10).boxed().toList();
        List<Block> data = new ArrayList<>();
        for (int i = 0; i < BLOCKS; i++) {
            data.add(new Block(Math.max(1, i * BLOCK_SIZE), (i + 1) * BLOCK_SIZE));
        }
        try (ProcessPool pool = ProcessPool.create()) {   // with multiprocessing.Pool() as pool:
            List<Integer> results = pool.map(ProcessSquares::calculateSquare, numbers);
            out.println(results);

            List<Longest> processed = pool.map(ProcessSquares::processData, data);
            for (Longest r : processed) {
                out.printf("[%d, %d): %d has the longest Collatz chain, %d steps%n", r.from(), r.to(), r.start(), r.steps());
            }
        }
    }

    static int calculateSquare(int number) {
        return number * number;
    }

    /** A block of numbers {@code [from, to)}: one item of the seed's {@code data}. */
    record Block(int from, int to) {
    }

    /** The result for one block. */
    record Longest(int from, int to, int start, int steps) {
    }

    /** CPU-bound work on one block: the start below {@code to} with the most Collatz steps. */
    static Longest processData(Block block) {
        int best = block.from();
        int bestSteps = -1;
        for (int n = block.from(); n < block.to(); n++) {
            int steps = collatzSteps(n);
            if (steps > bestSteps) {
                best = n;
                bestSteps = steps;
            }
        }
        return new Longest(block.from(), block.to(), best, bestSteps);
    }

    static int collatzSteps(long n) {
        int steps = 0;
        while (n != 1) {
            n = (n & 1) == 0 ? n / 2 : 3 * n + 1;
            steps++;
        }
        return steps;
    }
}
