package io.tandem.gpu.internal.cpu;

/**
 * A compiled reduction on the CPU. Values travel as raw bits in a {@code long} (a float's int bits, a
 * double's long bits, an int sign-extended): {@link #run} folds elements {@code [from, to)} from the
 * identity, {@link #combine} folds two partial results, {@link #post} applies the post-map to the total
 * and returns the output's bits. Generated classes, stateless, safe for concurrent calls.
 */
public interface CpuReduction {
    long run(Object[] args, int[] offsets, int from, int to, long n);

    long combine(long a, long b);

    long post(long a);
}
