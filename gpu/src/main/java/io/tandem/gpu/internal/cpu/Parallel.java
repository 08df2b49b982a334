package io.tandem.gpu.internal.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Splits [0, n) into chunks over the common fork-join pool (the caller helps). Small ranges run on the
 * caller: below {@link #GRAIN} elements a fork costs more than it saves. The chunk count is a fixed function
 * of n and the parallelism, so a float reduction folds in the same order on every run of one machine.
 */
final class Parallel {
    static final int GRAIN = 1 << 15;

    private Parallel() {
    }

    interface RangeBody {
        void run(int from, int to);
    }

    static int chunks(int n) {
        if (n <= GRAIN) {
            return 1;
        }
        int workers = ForkJoinPool.getCommonPoolParallelism() + 1;
        return Math.max(1, Math.min((n + GRAIN - 1) / GRAIN, workers * 4));
    }

    static int from(int n, int chunks, int c) {
        return (int) ((long) n * c / chunks);
    }

    static void forEach(int n, RangeBody body) {
        int chunks = chunks(n);
        if (chunks == 1) {
            body.run(0, n);
            return;
        }
        IntStream.range(0, chunks).parallel().forEach(c -> body.run(from(n, chunks, c), from(n, chunks, c + 1)));
    }
}
