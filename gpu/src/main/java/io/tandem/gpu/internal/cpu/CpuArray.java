package io.tandem.gpu.internal.cpu;

import io.tandem.gpu.DType;
import io.tandem.gpu.Device;
import io.tandem.gpu.DeviceArray;
import io.tandem.gpu.internal.ArrayText;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A CPU array: a Java array with an offset (slices share it). The memory belongs to the garbage collector,
 * so {@code close} only marks the array closed. Thread safety as {@link DeviceArray}: element writes are
 * plain array writes.
 */
public final class CpuArray implements DeviceArray {
    private final CpuDevice device;
    private final DType type;
    final Object data;
    final int offset;
    private final int length;
    private volatile boolean closed;

    CpuArray(CpuDevice device, DType type, Object data, int offset, int length) {
        this.device = device;
        this.type = type;
        this.data = data;
        this.offset = offset;
        this.length = length;
    }

    /** The backing Java array, checked open; elements start at {@link #offset}. */
    Object data() {
        if (closed) {
            throw new IllegalStateException("this " + type.spelling() + " array of " + length + " elements is closed");
        }
        return data;
    }

    @Override
    public Device device() {
        return device;
    }

    @Override
    public DType dtype() {
        return type;
    }

    @Override
    public long length() {
        return length;
    }

    private void copyIn(Object src, int srcLength) {
        checkLength(srcLength);
        System.arraycopy(src, 0, data(), offset, length);
    }

    private void checkLength(long n) {
        if (n != length) {
            throw new IllegalArgumentException("the source has " + n + " elements but the array has " + length);
        }
    }

    private void checkType(DType want) {
        if (type != want) {
            throw new IllegalArgumentException("this array is " + type.spelling() + "; the data is " + want.spelling());
        }
    }

    @Override
    public void copyFrom(float[] src) {
        checkType(DType.FLOAT32);
        copyIn(src, src.length);
    }

    @Override
    public void copyFrom(double[] src) {
        checkType(DType.FLOAT64);
        copyIn(src, src.length);
    }

    @Override
    public void copyFrom(int[] src) {
        checkType(DType.INT32);
        copyIn(src, src.length);
    }

    @Override
    public void copyFrom(long[] src) {
        checkType(DType.INT64);
        copyIn(src, src.length);
    }

    @Override
    public void copyFrom(MemorySegment src) {
        checkBytes(src.byteSize());
        MemorySegment.copy(src, layout(), 0, heap(), layout(), (long) offset * type.byteSize(), length);
    }

    @Override
    public void copyTo(MemorySegment dst) {
        checkBytes(dst.byteSize());
        MemorySegment.copy(heap(), layout(), (long) offset * type.byteSize(), dst, layout(), 0, length);
    }

    private void checkBytes(long bytes) {
        if (bytes != (long) length * type.byteSize()) {
            throw new IllegalArgumentException("the segment has " + bytes + " bytes but the array has " + length
                    + " " + type.spelling() + " elements (" + (long) length * type.byteSize() + " bytes)");
        }
    }

    private MemorySegment heap() {
        return switch (data()) {
            case float[] f -> MemorySegment.ofArray(f);
            case double[] d -> MemorySegment.ofArray(d);
            case int[] i -> MemorySegment.ofArray(i);
            case long[] l -> MemorySegment.ofArray(l);
            default -> throw new IllegalStateException();
        };
    }

    private ValueLayout layout() {
        return switch (type) {
            case FLOAT32 -> ValueLayout.JAVA_FLOAT_UNALIGNED;
            case FLOAT64 -> ValueLayout.JAVA_DOUBLE_UNALIGNED;
            case INT32 -> ValueLayout.JAVA_INT_UNALIGNED;
            case INT64 -> ValueLayout.JAVA_LONG_UNALIGNED;
        };
    }

    @Override
    public Object toArray() {
        Object out = CpuDevice.newArray(type, length);
        System.arraycopy(data(), offset, out, 0, length);
        return out;
    }

    @Override
    public DeviceArray slice(long from, long to) {
        if (from < 0 || to > length || from > to) {
            throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of an array of " + length + " elements");
        }
        data();
        return new CpuArray(device, type, data, offset + (int) from, (int) (to - from));
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return closed ? "[closed " + type.spelling() + " array]" : ArrayText.of(toArray());
    }
}
