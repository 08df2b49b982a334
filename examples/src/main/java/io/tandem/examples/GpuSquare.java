package io.tandem.examples;

import io.tandem.gpu.Device;
import io.tandem.gpu.DeviceArray;
import io.tandem.gpu.ElementwiseKernel;
import io.tandem.gpu.Gpu;

import java.io.PrintStream;

/**
 * Ports seed 002's Numba/CuPy example: one {@code square} applied to a NumPy array on the CPU and to a CuPy
 * array on the GPU, both printing {@code [ 0  1  4  9 16 25 36 49 64 81]}. The Tandem kernel is written
 * once (CuPy's {@code ElementwiseKernel}); {@code Gpu.cpu()} runs it as parallel loops, {@code Gpu.best()}
 * on the first NVIDIA GPU through the CUDA driver, or again on the CPU when the machine has none (the
 * example says which).
 */
public final class GpuSquare {
    private GpuSquare() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    public static void run(PrintStream out) {
        ElementwiseKernel square = ElementwiseKernel.create("int64 x", "int64 y", "y = x * x", "square");
        Device gpu = Gpu.best();
        out.println("x_gpu lives on " + gpu.name() + ": " + Gpu.describe());
        try (DeviceArray xCpu = Gpu.cpu().arange(10);
             DeviceArray xGpu = gpu.arange(10);
             DeviceArray yCpu = square.apply(xCpu);
             DeviceArray yGpu = square.apply(xGpu)) {
            out.println(yCpu);   // print(square(x_cpu))
            out.println(yGpu);   // print(square(x_gpu))
            // the operator form, CuPy's x ** 2 written as x * x: fused into one kernel when evaluated
            try (DeviceArray z = xGpu.mul(xGpu).eval()) {
                out.println(z);
            }
        }
    }
}
