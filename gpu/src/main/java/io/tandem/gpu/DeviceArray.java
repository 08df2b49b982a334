package io.tandem.gpu;

import java.lang.foreign.MemorySegment;

/**
 * A one-dimensional array of float32, float64, int32 or int64 on a {@link Device}: CuPy's {@code ndarray}
 * for one axis. Create it on a device ({@link Device#copyOf(float[])}, {@link Device#allocate},
 * {@link Device#arange}), compute with kernels ({@link ElementwiseKernel}, {@link ReductionKernel}) or the
 * operators below, read it back with {@link #toFloatArray()} (and friends) or {@link #copyTo(MemorySegment)}.
 *
 * <p>Operators are lazy and fuse: {@code a.mul(x).add(y)} is an {@link ArrayExpression}, compiled into one
 * kernel when it is evaluated ({@link ArrayExpression#eval()}, {@link ArrayExpression#sum()}); nothing runs
 * and nothing is allocated before.
 *
 * <p>Lifetime: {@link #close()} frees the device memory (at once, deterministically); a slice shares its
 * parent's memory and its {@code close} does nothing to the parent. Using an array after its
 * {@code close} throws {@link IllegalStateException}. A GPU array that becomes unreachable unclosed is freed
 * by a safety net at a later allocation on its device, which is a leak's repair, not a plan.
 *
 * <p>Thread safety: copies and kernel launches on one array from several threads are each atomic on the
 * device, but their order is the order the threads reach the device; writing an array from one thread while
 * another reads it needs the caller's own ordering, as for a Java array. {@code close} while another thread
 * uses the array is a bug in the caller (the memory may be freed under the other call). Implemented by
 * Tandem only.
 */
public interface DeviceArray extends AutoCloseable {

    Device device();

    DType dtype();

    long length();

    /** Copies all of {@code src} (length must equal {@link #length()}) into this array. */
    void copyFrom(float[] src);

    void copyFrom(double[] src);

    void copyFrom(int[] src);

    void copyFrom(long[] src);

    /** Copies {@code src} (exactly {@code length() * dtype().byteSize()} bytes, native order) into this array. */
    void copyFrom(MemorySegment src);

    /** Copies this array into {@code dst} (exactly {@code length() * dtype().byteSize()} bytes). */
    void copyTo(MemorySegment dst);

    /** A copy as a Java array: {@code float[]}, {@code double[]}, {@code int[]} or {@code long[]} by {@link #dtype()}. */
    Object toArray();

    /** A copy as {@code float[]}; the array must be float32. */
    default float[] toFloatArray() {
        return (float[]) typed(DType.FLOAT32);
    }

    /** A copy as {@code double[]}; the array must be float64. */
    default double[] toDoubleArray() {
        return (double[]) typed(DType.FLOAT64);
    }

    /** A copy as {@code int[]}; the array must be int32. */
    default int[] toIntArray() {
        return (int[]) typed(DType.INT32);
    }

    /** A copy as {@code long[]}; the array must be int64. */
    default long[] toLongArray() {
        return (long[]) typed(DType.INT64);
    }

    private Object typed(DType want) {
        if (dtype() != want) {
            throw new IllegalStateException("this array is " + dtype().spelling() + ", not " + want.spelling()
                    + ": use toArray() or the matching to...Array()");
        }
        return toArray();
    }

    /** Elements {@code [from, to)} as an array sharing this one's memory (writes show in both). */
    DeviceArray slice(long from, long to);

    /** Frees the memory (GPU) or drops the reference (CPU); idempotent. */
    @Override
    void close();

    /** The expression {@code this} (to start a chain of operators). */
    default ArrayExpression expr() {
        return ArrayExpression.of(this);
    }

    default ArrayExpression add(DeviceArray other) {
        return expr().add(other);
    }

    default ArrayExpression add(double scalar) {
        return expr().add(scalar);
    }

    default ArrayExpression sub(DeviceArray other) {
        return expr().sub(other);
    }

    default ArrayExpression mul(DeviceArray other) {
        return expr().mul(other);
    }

    default ArrayExpression mul(double scalar) {
        return expr().mul(scalar);
    }

    default ArrayExpression div(DeviceArray other) {
        return expr().div(other);
    }

    /** The sum of the elements (int32 sums in int64, as NumPy); 0 for an empty array. */
    default Number sum() {
        return expr().sum();
    }

    /** The largest element; {@link java.util.NoSuchElementException} for an empty array. */
    default Number max() {
        return expr().max();
    }

    /** The smallest element; {@link java.util.NoSuchElementException} for an empty array. */
    default Number min() {
        return expr().min();
    }

    /** {@code sum(this * other)} in one fused kernel. */
    default Number dot(DeviceArray other) {
        return expr().mul(other).sum();
    }
}
