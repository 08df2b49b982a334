package io.tandem.gpu;

import io.tandem.gpu.internal.cpu.CpuDevice;
import io.tandem.gpu.internal.cuda.Cuda;

import java.util.List;

/**
 * The entry point: which devices exist and which one to use.
 *
 * {@snippet :
 * Device device = Gpu.best();                 // the first GPU, or the CPU when there is none
 * System.out.println(Gpu.describe());         // cuda:0 NVIDIA H200 (...)  or  cpu: no GPU (libcuda.so.1 not found ...)
 * RunOptions run = RunOptions.builder().resource("gpu", Gpu.resourceUnits()).build();
 * }
 *
 * <p>The CUDA driver ({@code libcuda.so.1}) is looked for once, on the first call, and never throws: without
 * it {@link #available()} is false and {@link #unavailableReason()} says why. Nothing else is needed on a GPU
 * machine (no CUDA toolkit, no NVRTC: Tandem writes PTX and the driver compiles it). Calling the driver is
 * a restricted FFM operation: run with {@code --enable-native-access=ALL-UNNAMED} (or the module
 * {@code io.tandem.gpu}) to avoid the JDK's one-line warning; a machine without a driver never gets that far.
 *
 * <p>Thread safety: all methods may be called from any thread; devices are shared singletons.
 */
public final class Gpu {
    private Gpu() {
    }

    /** Whether at least one CUDA GPU can be used. */
    public static boolean available() {
        return Cuda.state().available();
    }

    /** Why no GPU can be used ({@code ""} when one can). */
    public static String unavailableReason() {
        return Cuda.state().reason();
    }

    /** The GPUs the driver reports (empty when none). */
    public static List<DeviceInfo> devices() {
        return Cuda.state().devices();
    }

    /** The CPU backend: every kernel as parallel loops over the cores of this machine. */
    public static Device cpu() {
        return CpuDevice.INSTANCE;
    }

    /** GPU 0. @throws GpuUnavailableException with the reason when there is none */
    public static Device gpu() {
        return gpu(0);
    }

    /** The GPU with this ordinal. @throws GpuUnavailableException when there is no such GPU */
    public static Device gpu(int ordinal) {
        if (!available()) {
            throw new GpuUnavailableException("no GPU: " + unavailableReason()
                    + "; Gpu.best() or Gpu.cpu() run the same kernels on the CPU");
        }
        if (ordinal < 0 || ordinal >= devices().size()) {
            throw new GpuUnavailableException("no GPU " + ordinal + ": this machine has " + devices().size()
                    + " (" + devices() + ")");
        }
        return Cuda.device(ordinal);
    }

    /** GPU 0 when {@link #available()}, else {@link #cpu()}. */
    public static Device best() {
        return available() ? gpu(0) : cpu();
    }

    /**
     * The capacity to declare for a {@code "gpu"} resource of a task graph or limiter: the number of GPUs, or 1
     * without a GPU (GPU tasks then run one at a time on the CPU backend, which itself uses every core).
     */
    public static int resourceUnits() {
        return Math.max(1, devices().size());
    }

    /** One line: the device {@link #best()} picks, and why there is no GPU if there is none. */
    public static String describe() {
        return available() ? devices().getFirst().toString()
                : "cpu (" + Runtime.getRuntime().availableProcessors() + " cores): no GPU, " + unavailableReason();
    }
}
