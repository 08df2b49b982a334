package io.tandem.gpu.internal.cuda;

import io.tandem.gpu.DType;
import io.tandem.gpu.Device;
import io.tandem.gpu.DeviceArray;
import io.tandem.gpu.internal.ArrayText;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A GPU array: {@code length} elements at {@code byteOffset} into a {@link Memory} block (a slice shares its
 * root's block and keeps the root reachable, so the safety net never frees memory a slice still uses).
 * Thread safety as {@link DeviceArray}.
 */
public final class CudaArray implements DeviceArray {
    /** One cuMemAlloc'd block; freed once, by close or by the device's safety net. */
    static final class Memory {
        final long base;
        final long bytes;
        final AtomicBoolean freed = new AtomicBoolean();

        Memory(long base, long bytes) {
            this.base = base;
            this.bytes = bytes;
        }
    }

    private final CudaDevice device;
    private final DType type;
    final Memory memory;
    private final long byteOffset;
    private final long length;
    private final CudaArray root;
    private volatile boolean closed;

    CudaArray(CudaDevice device, DType type, Memory memory, long byteOffset, long length, CudaArray root) {
        this.device = device;
        this.type = type;
        this.memory = memory;
        this.byteOffset = byteOffset;
        this.length = length;
        this.root = root;
    }

    /** The device address of element 0, checked open. */
    long pointer() {
        if (closed || memory.freed.get()) {
            throw new IllegalStateException("this " + type.spelling() + " array of " + length + " elements on "
                    + device.name() + " is closed");
        }
        return memory.base + byteOffset;
    }

    long bytes() {
        return length * type.byteSize();
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

    private void in(MemorySegment src, DType given, long n) {
        if (given != null && given != type) {
            throw new IllegalArgumentException("this array is " + type.spelling() + "; the data is " + given.spelling());
        }
        if (n != length) {
            throw new IllegalArgumentException("the source has " + n + " elements but the array has " + length);
        }
        device.copyIn(pointer(), src, bytes());
    }

    @Override
    public void copyFrom(float[] src) {
        in(MemorySegment.ofArray(src), DType.FLOAT32, src.length);
    }

    @Override
    public void copyFrom(double[] src) {
        in(MemorySegment.ofArray(src), DType.FLOAT64, src.length);
    }

    @Override
    public void copyFrom(int[] src) {
        in(MemorySegment.ofArray(src), DType.INT32, src.length);
    }

    @Override
    public void copyFrom(long[] src) {
        in(MemorySegment.ofArray(src), DType.INT64, src.length);
    }

    @Override
    public void copyFrom(MemorySegment src) {
        checkBytes(src.byteSize());
        device.copyIn(pointer(), src, bytes());
    }

    @Override
    public void copyTo(MemorySegment dst) {
        checkBytes(dst.byteSize());
        device.copyOut(dst, pointer(), bytes());
    }

    private void checkBytes(long b) {
        if (b != bytes()) {
            throw new IllegalArgumentException("the segment has " + b + " bytes but the array has " + length + " "
                    + type.spelling() + " elements (" + bytes() + " bytes)");
        }
    }

    @Override
    public Object toArray() {
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("an array of " + length + " elements does not fit in a Java array: use copyTo(MemorySegment)");
        }
        int n = (int) length;
        Object out = switch (type) {
            case FLOAT32 -> new float[n];
            case FLOAT64 -> new double[n];
            case INT32 -> new int[n];
            case INT64 -> new long[n];
        };
        MemorySegment dst = switch (out) {
            case float[] f -> MemorySegment.ofArray(f);
            case double[] d -> MemorySegment.ofArray(d);
            case int[] i -> MemorySegment.ofArray(i);
            case long[] l -> MemorySegment.ofArray(l);
            default -> throw new IllegalStateException();
        };
        device.copyOut(dst, pointer(), bytes());
        return out;
    }

    @Override
    public DeviceArray slice(long from, long to) {
        if (from < 0 || to > length || from > to) {
            throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of an array of " + length + " elements");
        }
        pointer();
        return new CudaArray(device, type, memory, byteOffset + from * type.byteSize(), to - from, root == null ? this : root);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (root == null) {
            device.free(memory);
        }
    }

    @Override
    public String toString() {
        return closed ? "[closed " + type.spelling() + " array on " + device.name() + "]" : ArrayText.of(toArray());
    }
}
