package io.tandem.examples;

import io.tandem.gpu.Device;
import io.tandem.gpu.DeviceArray;
import io.tandem.gpu.ElementwiseKernel;
import io.tandem.gpu.Gpu;

import java.io.PrintStream;

/**
 * saxpy ({@code z = a * x + y}) over a million float32s, the GPU's hello world, in the two CuPy styles: the
 * fused operators ({@code x.mul(a).add(y)}, one kernel) and an {@code ElementwiseKernel} with a scalar
 * input. Checked element by element against a plain Java loop.
 */
public final class GpuSaxpy {
    static final int N = 1 << 20;

    private GpuSaxpy() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    public static void run(PrintStream out) {
        Device device = Gpu.best();
        float a = 2.0f;
        float[] x = new float[N];
        float[] y = new float[N];
        for (int i = 0; i < N; i++) {
            x[i] = i * 0.5f;
            y[i] = 1.0f;
        }
        ElementwiseKernel saxpy = ElementwiseKernel.create("float32 a, float32 x, float32 y", "float32 z", "z = a * x + y", "saxpy");
        try (DeviceArray dx = device.copyOf(x); DeviceArray dy = device.copyOf(y);
             DeviceArray fused = dx.mul(a).add(dy).eval();
             DeviceArray kernel = saxpy.apply(a, dx, dy)) {
            float[] z1 = fused.toFloatArray();
            float[] z2 = kernel.toFloatArray();
            int wrong = 0;
            for (int i = 0; i < N; i++) {
                float want = a * x[i] + y[i];
                wrong += z1[i] == want && z2[i] == want ? 0 : 1;
            }
            out.println("saxpy on " + device.name() + " over " + N + " elements: z[0..3] = " + z1[0] + " " + z1[1] + " "
                    + z1[2] + " " + z1[3] + ", z[last] = " + z1[N - 1]);
            out.println(wrong == 0 ? "fused operators and ElementwiseKernel agree with a Java loop" : wrong + " elements differ");
        }
    }
}
