package io.tandem.gpu.internal.cpu;

import io.tandem.gpu.DType;
import io.tandem.gpu.Device;
import io.tandem.gpu.DeviceArray;
import io.tandem.gpu.internal.Backend;
import io.tandem.gpu.internal.lang.Elementwise;
import io.tandem.gpu.internal.lang.Reduction;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CPU backend: arrays are Java arrays, kernels are generated classes ({@link Bytecode}) run over
 * chunks of the range on the common fork-join pool. Compiled kernels are cached by kernel text and scalar
 * mask. Thread-safe; one instance.
 */
public final class CpuDevice implements Device, Backend {
    public static final CpuDevice INSTANCE = new CpuDevice();

    private final Map<String, CpuElementwise> elementwise = new ConcurrentHashMap<>();
    private final Map<String, CpuReduction> reductions = new ConcurrentHashMap<>();

    private CpuDevice() {
    }

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public boolean isGpu() {
        return false;
    }

    static Object newArray(DType type, long length) {
        if (length < 0) {
            throw new IllegalArgumentException("length must not be negative, got " + length);
        }
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a CPU array holds at most " + (Integer.MAX_VALUE - 8)
                    + " elements (a Java array), got " + length);
        }
        int n = (int) length;
        return switch (type) {
            case FLOAT32 -> new float[n];
            case FLOAT64 -> new double[n];
            case INT32 -> new int[n];
            case INT64 -> new long[n];
        };
    }

    @Override
    public DeviceArray allocate(DType type, long length) {
        java.util.Objects.requireNonNull(type, "type");
        return new CpuArray(this, type, newArray(type, length), 0, (int) length);
    }

    @Override
    public DeviceArray copyOf(float[] data) {
        return new CpuArray(this, DType.FLOAT32, data.clone(), 0, data.length);
    }

    @Override
    public DeviceArray copyOf(double[] data) {
        return new CpuArray(this, DType.FLOAT64, data.clone(), 0, data.length);
    }

    @Override
    public DeviceArray copyOf(int[] data) {
        return new CpuArray(this, DType.INT32, data.clone(), 0, data.length);
    }

    @Override
    public DeviceArray copyOf(long[] data) {
        return new CpuArray(this, DType.INT64, data.clone(), 0, data.length);
    }

    @Override
    public DeviceArray arange(DType type, long n) {
        Object a = newArray(type, n);
        for (int k = 0; k < n; k++) {
            switch (a) {
                case float[] f -> f[k] = k;
                case double[] d -> d[k] = k;
                case int[] i -> i[k] = k;
                case long[] l -> l[k] = k;
                default -> throw new IllegalStateException();
            }
        }
        return new CpuArray(this, type, a, 0, (int) n);
    }

    private static String key(String kernelKey, boolean[] scalar, boolean direct) {
        return kernelKey + "|" + Arrays.toString(scalar) + (direct ? "|direct" : "|offsets");
    }

    @Override
    public void elementwise(Elementwise k, boolean[] scalar, Object[] args, long n) {
        Object[] data = new Object[args.length];
        int[] offsets = new int[args.length];
        boolean direct = unwrap(args, data, offsets);
        CpuElementwise code = elementwise.computeIfAbsent(key(k.key(), scalar, direct), x -> Bytecode.elementwise(k, scalar, direct));
        int size = (int) n;
        Parallel.forEach(size, (from, to) -> code.run(data, offsets, from, to, n));
    }

    @Override
    public long reduce(Reduction r, boolean[] scalar, Object[] args, long n) {
        Object[] data = new Object[args.length];
        int[] offsets = new int[args.length];
        boolean direct = unwrap(args, data, offsets);
        CpuReduction code = reductions.computeIfAbsent(key(r.key(), scalar, direct), x -> Bytecode.reduction(r, scalar, direct));
        int size = (int) n;
        int chunks = Parallel.chunks(size);
        long[] partial = new long[chunks];
        if (chunks == 1) {
            partial[0] = code.run(data, offsets, 0, size, n);
        } else {
            java.util.stream.IntStream.range(0, chunks).parallel().forEach(c ->
                    partial[c] = code.run(data, offsets, Parallel.from(size, chunks, c), Parallel.from(size, chunks, c + 1), n));
        }
        long total = partial[0];
        for (int c = 1; c < chunks; c++) {
            total = code.combine(total, partial[c]);
        }
        return code.post(total);
    }

    /** Fills data and offsets; returns whether every array starts at element 0. */
    private static boolean unwrap(Object[] args, Object[] data, int[] offsets) {
        boolean direct = true;
        for (int k = 0; k < args.length; k++) {
            if (args[k] instanceof CpuArray a) {
                data[k] = a.data();
                offsets[k] = a.offset;
                direct &= a.offset == 0;
            } else {
                data[k] = args[k];
            }
        }
        return direct;
    }

    @Override
    public String toString() {
        return "cpu (" + Runtime.getRuntime().availableProcessors() + " cores)";
    }
}
