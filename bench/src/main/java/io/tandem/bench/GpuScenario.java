package io.tandem.bench;

import io.tandem.gpu.DType;
import io.tandem.gpu.Device;
import io.tandem.gpu.DeviceArray;
import io.tandem.gpu.ElementwiseKernel;
import io.tandem.gpu.Gpu;
import io.tandem.gpu.ReductionKernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Seed 002's GPU arrays: one run is three data-parallel passes over N float32s, {@code square}
 * ({@code y = x * x}), {@code saxpy} ({@code z = 2x + y}) and {@code sum} (in float64), the CuPy
 * examples' shapes. Models: {@code gpu-kernel} (Tandem's kernels on the GPU; listed only where
 * {@link Gpu#available()}), {@code gpu-cpu} (the same kernels on the CPU backend), {@code java-loop} (plain
 * loops) and {@code java-parallel} (hand-written parallel loops, the baseline the CPU backend must be within
 * 1.2x of).
 *
 * <p>{@code x[i] = i % 1024} and {@code y = 1} keep every result exact (squares below 2^20, sums below 2^53),
 * so all models give the same answer: the last square, the last saxpy and the sum. Inputs and outputs are
 * allocated once per size and model (a GPU's arrays stay on the GPU between runs, as CuPy code keeps them),
 * so a run times the kernels, not the copies. Only the harness thread touches the scenario.
 */
final class GpuScenario implements Scenario {
    private static final ElementwiseKernel SQUARE = ElementwiseKernel.create("float32 x", "float32 y", "y = x * x", "square");
    private static final ElementwiseKernel SAXPY = ElementwiseKernel.create("float32 a, float32 x, float32 y", "float32 z", "z = a * x + y", "saxpy");
    private static final ReductionKernel SUM = ReductionKernel.create("float32 x", "float64 s", "x", "a + b", null, "0", "sum");

    private final String name;
    private final int quick;
    private final int full;
    private final boolean byDefault;
    private int builtSize = -1;
    private float[] x;
    private float[] y;
    private float[] out1;
    private float[] out2;
    private final List<DeviceArray> deviceArrays = new ArrayList<>();
    private Model deviceModel;

    GpuScenario(String name, int quick, int full, boolean byDefault) {
        this.name = name;
        this.quick = quick;
        this.full = full;
        this.byDefault = byDefault;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "square, saxpy and sum over N float32s: Tandem GPU kernels, the CPU backend, plain and parallel Java loops ("
                + (Gpu.available() ? Gpu.describe() : "no GPU here: " + Gpu.unavailableReason()) + ")";
    }

    @Override
    public String unit() {
        return "elements";
    }

    @Override
    public int size(Mode mode) {
        return mode == Mode.QUICK ? quick : full;
    }

    @Override
    public boolean runsByDefault(Mode mode) {
        return byDefault;
    }

    @Override
    public int maxRuns() {
        return 30;
    }

    @Override
    public List<Model> models() {
        return Gpu.available() ? List.of(Model.GPU_KERNEL, Model.GPU_CPU, Model.JAVA_LOOP, Model.JAVA_PARALLEL)
                : List.of(Model.GPU_CPU, Model.JAVA_LOOP, Model.JAVA_PARALLEL);
    }

    @Override
    public Object expected(int size) {
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += i % 1024;
        }
        float last = size == 0 ? 0 : (size - 1) % 1024;
        return answer(size == 0 ? 0 : last * last, size == 0 ? 0 : 2 * last + 1, sum);
    }

    private static String answer(float square, float saxpy, double sum) {
        return String.format(Locale.ROOT, "%.1f %.1f %.1f", square, saxpy, sum);
    }

    @Override
    public Object run(Model model, int size) {
        build(size);
        return switch (model.id()) {
            case "gpu-kernel" -> kernels(Gpu.gpu(), model, size);
            case "gpu-cpu" -> kernels(Gpu.cpu(), model, size);
            case "java-loop" -> {
                for (int i = 0; i < size; i++) {
                    out1[i] = x[i] * x[i];
                }
                for (int i = 0; i < size; i++) {
                    out2[i] = 2.0f * x[i] + y[i];
                }
                double s = 0;
                for (int i = 0; i < size; i++) {
                    s += x[i];
                }
                yield answer(last(out1), last(out2), s);
            }
            case "java-parallel" -> {
                int chunks = Math.max(1, Math.min(size / 32_768, (ForkJoinPool.getCommonPoolParallelism() + 1) * 4));
                IntStream.range(0, chunks).parallel().forEach(c -> {
                    for (int i = bound(size, chunks, c), end = bound(size, chunks, c + 1); i < end; i++) {
                        out1[i] = x[i] * x[i];
                    }
                });
                IntStream.range(0, chunks).parallel().forEach(c -> {
                    for (int i = bound(size, chunks, c), end = bound(size, chunks, c + 1); i < end; i++) {
                        out2[i] = 2.0f * x[i] + y[i];
                    }
                });
                double[] partial = new double[chunks];
                IntStream.range(0, chunks).parallel().forEach(c -> {
                    double s = 0;
                    for (int i = bound(size, chunks, c), end = bound(size, chunks, c + 1); i < end; i++) {
                        s += x[i];
                    }
                    partial[c] = s;
                });
                double s = 0;
                for (double p : partial) {
                    s += p;
                }
                yield answer(last(out1), last(out2), s);
            }
            default -> throw new UnsupportedOperationException(name + " has no model " + model.id());
        };
    }

    private static int bound(int n, int chunks, int c) {
        return (int) ((long) n * c / chunks);
    }

    private static float last(float[] a) {
        return a.length == 0 ? 0 : a[a.length - 1];
    }

    private String kernels(Device device, Model model, int size) {
        if (deviceModel != model || deviceArrays.isEmpty()) {
            release(model);
            deviceModel = model;
            deviceArrays.add(device.copyOf(x));
            deviceArrays.add(device.copyOf(y));
            deviceArrays.add(device.allocate(DType.FLOAT32, size));
            deviceArrays.add(device.allocate(DType.FLOAT32, size));
        }
        DeviceArray dx = deviceArrays.get(0);
        DeviceArray dy = deviceArrays.get(1);
        DeviceArray o1 = deviceArrays.get(2);
        DeviceArray o2 = deviceArrays.get(3);
        SQUARE.launch(dx, o1);
        SAXPY.launch(2.0f, dx, dy, o2);
        double s = SUM.apply(dx).doubleValue();
        float l1 = size == 0 ? 0 : o1.slice(size - 1, size).toFloatArray()[0];
        float l2 = size == 0 ? 0 : o2.slice(size - 1, size).toFloatArray()[0];
        return answer(l1, l2, s);
    }

    private void build(int size) {
        if (builtSize != size) {
            release(null);
            x = new float[size];
            y = new float[size];
            for (int i = 0; i < size; i++) {
                x[i] = i % 1024;
                y[i] = 1;
            }
            out1 = new float[size];
            out2 = new float[size];
            builtSize = size;
        }
    }

    /** Frees the model's device arrays (GPU memory must not outlive the model). */
    @Override
    public void release(Model model) {
        deviceArrays.forEach(DeviceArray::close);
        deviceArrays.clear();
        deviceModel = null;
    }

    @Override
    public void close() {
        release(null);
        x = y = out1 = out2 = null;
        builtSize = -1;
    }
}
