/**
 * Tandem GPU: CuPy-style arrays and kernels for NVIDIA GPUs with no dependency, and the same code on the
 * CPU. {@code DeviceArray}, {@code ElementwiseKernel}, {@code ReductionKernel} and fused array operators;
 * kernels are compiled by Tandem to PTX and loaded through the CUDA driver ({@code libcuda.so.1}) over FFM,
 * or to JVM bytecode run in parallel on the CPU. Only {@code io.tandem.gpu} is exported.
 */
module io.tandem.gpu {
    requires transitive io.tandem.core;

    exports io.tandem.gpu;
}
