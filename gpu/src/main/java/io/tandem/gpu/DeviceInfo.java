package io.tandem.gpu;

/**
 * What the CUDA driver says about one GPU.
 *
 * @param ordinal           the driver's device number (0, 1, ...)
 * @param name              the product name, e.g. {@code NVIDIA H200}
 * @param totalMemory       device memory in bytes
 * @param major             compute capability, major (9 for Hopper)
 * @param minor             compute capability, minor
 * @param multiprocessors   streaming multiprocessors
 */
public record DeviceInfo(int ordinal, String name, long totalMemory, int major, int minor, int multiprocessors) {

    /** {@code cuda:0 NVIDIA H200 (sm_90, 132 SMs, 139.8 GiB)}. */
    @Override
    public String toString() {
        return "cuda:" + ordinal + " " + name + " (sm_" + major + minor + ", " + multiprocessors + " SMs, "
                + String.format(java.util.Locale.ROOT, "%.1f GiB", totalMemory / (double) (1L << 30)) + ")";
    }
}
