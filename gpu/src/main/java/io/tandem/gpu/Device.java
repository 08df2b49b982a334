package io.tandem.gpu;

import java.lang.foreign.MemorySegment;

/**
 * Where arrays live and kernels run: one GPU ({@link Gpu#gpu(int)}) or the CPU ({@link Gpu#cpu()}, parallel
 * loops over every core). The same kernels and array operators run on both; {@link Gpu#best()} picks the
 * GPU when there is one.
 *
 * {@snippet :
 * Device device = Gpu.best();
 * try (DeviceArray x = device.arange(10);
 *      DeviceArray y = x.mul(x).eval()) {
 *     System.out.println(y);   // [ 0  1  4  9 16 25 36 49 64 81]
 * }
 * }
 *
 * <p>Thread safety: a device is shared by every thread; allocation, copies and launches may come from any
 * thread at once (a GPU's context is made current on the calling thread for each call). Implemented by
 * Tandem only.
 */
public interface Device {

    /** {@code cpu} or {@code cuda:0}. */
    String name();

    /** Whether this is a GPU. */
    boolean isGpu();

    /** A new zero-filled array of {@code length} elements. */
    DeviceArray allocate(DType type, long length);

    /** A new array holding a copy of {@code data}. */
    DeviceArray copyOf(float[] data);

    /** A new array holding a copy of {@code data}. */
    DeviceArray copyOf(double[] data);

    /** A new array holding a copy of {@code data}. */
    DeviceArray copyOf(int[] data);

    /** A new array holding a copy of {@code data}. */
    DeviceArray copyOf(long[] data);

    /** A new array holding a copy of {@code data} (native byte order), {@code data.byteSize() / type.byteSize()} elements. */
    default DeviceArray copyOf(MemorySegment data, DType type) {
        if (data.byteSize() % type.byteSize() != 0) {
            throw new IllegalArgumentException("a segment of " + data.byteSize() + " bytes is not a whole number of "
                    + type.spelling() + " elements");
        }
        DeviceArray a = allocate(type, data.byteSize() / type.byteSize());
        a.copyFrom(data);
        return a;
    }

    /** {@code 0, 1, ..., n-1} as int64: NumPy's and CuPy's {@code arange(n)}. */
    default DeviceArray arange(long n) {
        return arange(DType.INT64, n);
    }

    /** {@code 0, 1, ..., n-1} as {@code type}. */
    DeviceArray arange(DType type, long n);
}
