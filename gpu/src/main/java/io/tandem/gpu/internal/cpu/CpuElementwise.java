package io.tandem.gpu.internal.cpu;

/**
 * A compiled elementwise kernel on the CPU: computes elements {@code [from, to)}. {@code args} holds, in
 * parameter order (inputs then outputs), a Java array ({@code float[]}, {@code double[]}, {@code int[]},
 * {@code long[]}) or a boxed scalar; {@code offsets[k]} is where array k's element 0 is (slices).
 * Implementations are generated classes, stateless and safe for concurrent calls on disjoint ranges.
 */
public interface CpuElementwise {
    void run(Object[] args, int[] offsets, int from, int to, long n);
}
