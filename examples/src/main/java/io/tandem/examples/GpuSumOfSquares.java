package io.tandem.examples;

import io.tandem.gpu.Device;
import io.tandem.gpu.DeviceArray;
import io.tandem.gpu.DType;
import io.tandem.gpu.Gpu;
import io.tandem.gpu.ReductionKernel;

import java.io.PrintStream;

/**
 * The sum of squares of 0..n-1 for n = 1,000,000 (exact in int64): CuPy's {@code ReductionKernel} (map
 * {@code x * x}, reduce {@code a + b}, identity 0) and the fused {@code x.dot(x)}, against the closed form
 * n(n-1)(2n-1)/6.
 */
public final class GpuSumOfSquares {
    static final long N = 1_000_000;

    private GpuSumOfSquares() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    public static void run(PrintStream out) {
        Device device = Gpu.best();
        ReductionKernel sumOfSquares = ReductionKernel.create("int64 x", "int64 y", "x * x", "a + b", null, "0", "sum_of_squares");
        try (DeviceArray x = device.arange(DType.INT64, N)) {
            long kernel = sumOfSquares.apply(x).longValue();
            long fused = x.dot(x).longValue();
            long closedForm = (N - 1) * N * (2 * N - 1) / 6;
            out.println("sum of squares of 0.." + (N - 1) + " on " + device.name() + ": " + kernel);
            out.println("x.dot(x) = " + fused + "; closed form n(n-1)(2n-1)/6 = " + closedForm
                    + (kernel == closedForm && fused == closedForm ? " (equal)" : " (DIFFERENT)"));
        }
    }
}
