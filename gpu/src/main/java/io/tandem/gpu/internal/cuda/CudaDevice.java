package io.tandem.gpu.internal.cuda;

import io.tandem.gpu.CudaException;
import io.tandem.gpu.DType;
import io.tandem.gpu.Device;
import io.tandem.gpu.DeviceArray;
import io.tandem.gpu.DeviceInfo;
import io.tandem.gpu.internal.Backend;
import io.tandem.gpu.internal.lang.Elementwise;
import io.tandem.gpu.internal.lang.Reduction;
import io.tandem.gpu.internal.lang.Type;
import io.tandem.gpu.internal.ptx.PtxGen;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.PhantomReference;
import java.lang.ref.ReferenceQueue;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/*
 * One GPU. Its primary context (the one the runtime API also uses) is retained once and kept for the
 * JVM's life; every operation first makes it current on the calling thread (cuCtxSetCurrent is a few tens
 * of nanoseconds), then makes its driver calls without blocking in between, so a virtual thread cannot
 * move to another carrier thread between the two. Work goes to the legacy default stream, which orders
 * every call of every thread on this context; kernel launches synchronise before returning (results are
 * visible to the next copy), except launchElementwise, which the device check times with events.
 *
 * Modules are cached by kernel text and scalar mask. A module is first loaded as generated (.version 6.0,
 * .target sm_50); if the driver refuses it, it is loaded again with this device's own target and the PTX
 * version that target needs (ASSUMPTION: the table in ptxHeader, from the PTX ISA release notes, is
 * right for the device at hand; the first attempt makes it matter only for a driver that rejects old PTX).
 *
 * Safety net: each root array is tracked by a PhantomReference; an array that became unreachable without
 * close() is freed at the next allocation on this device (no cleaner thread).
 */
public final class CudaDevice implements Device, Backend {
    private static final int LOG_BYTES = 16 * 1024;

    private final Driver d;
    private final DeviceInfo info;
    private final int driverVersion;
    private final int cuDevice;
    private final MemorySegment context;
    private final Map<String, Map<String, MemorySegment>> modules = new ConcurrentHashMap<>();
    private final ReferenceQueue<CudaArray> unreachable = new ReferenceQueue<>();
    private final Set<Tracked> tracked = ConcurrentHashMap.newKeySet();

    private static final class Tracked extends PhantomReference<CudaArray> {
        final CudaArray.Memory memory;

        Tracked(CudaArray a, ReferenceQueue<CudaArray> q) {
            super(a, q);
            this.memory = a.memory;
        }
    }

    CudaDevice(Driver d, DeviceInfo info, int driverVersion) {
        this.d = d;
        this.info = info;
        this.driverVersion = driverVersion;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment dev = a.allocate(JAVA_INT);
            d.check((int) d.cuDeviceGet.invokeExact(dev, info.ordinal()), "cuDeviceGet");
            cuDevice = dev.get(JAVA_INT, 0);
            MemorySegment ctx = a.allocate(ADDRESS);
            d.check((int) d.cuDevicePrimaryCtxRetain.invokeExact(ctx, cuDevice), "cuDevicePrimaryCtxRetain");
            context = ctx.get(ADDRESS, 0);
        } catch (Throwable t) {
            throw Driver.rethrow(t);
        }
    }

    public DeviceInfo info() {
        return info;
    }

    @Override
    public String name() {
        return "cuda:" + info.ordinal();
    }

    @Override
    public boolean isGpu() {
        return true;
    }

    @Override
    public String toString() {
        return info.toString();
    }

    /** Makes this device's context current on the calling thread. */
    private void enter() {
        try {
            d.check((int) d.cuCtxSetCurrent.invokeExact(context), "cuCtxSetCurrent");
        } catch (Throwable t) {
            throw Driver.rethrow(t);
        }
    }

    // ------------------------------------------------------------------ memory

    @Override
    public DeviceArray allocate(DType type, long length) {
        java.util.Objects.requireNonNull(type, "type");
        if (length < 0) {
            throw new IllegalArgumentException("length must not be negative, got " + length);
        }
        enter();
        drainUnreachable();
        long bytes = length * type.byteSize();
        long base = 0;
        if (bytes > 0) {
            try (Arena a = Arena.ofConfined()) {
                MemorySegment p = a.allocate(JAVA_LONG);
                int r = (int) d.cuMemAlloc.invokeExact(p, bytes);
                d.check(r, "cuMemAlloc_v2", bytes + " bytes (" + length + " " + type.spelling() + ") on " + info);
                base = p.get(JAVA_LONG, 0);
                r = (int) d.cuMemsetD32.invokeExact(base, 0, bytes / 4);
                if (r != Driver.CUDA_SUCCESS) {
                    int ignored = (int) d.cuMemFree.invokeExact(base);
                    d.check(r, "cuMemsetD32_v2");
                }
            } catch (Throwable t) {
                throw Driver.rethrow(t);
            }
        }
        CudaArray.Memory memory = new CudaArray.Memory(base, bytes);
        CudaArray array = new CudaArray(this, type, memory, 0, length, null);
        tracked.add(new Tracked(array, unreachable));
        return array;
    }

    void free(CudaArray.Memory memory) {
        if (memory.freed.getAndSet(true) || memory.base == 0) {
            return;
        }
        tracked.removeIf(t -> t.memory == memory);
        enter();
        try {
            d.check((int) d.cuMemFree.invokeExact(memory.base), "cuMemFree_v2");
        } catch (Throwable t) {
            throw Driver.rethrow(t);
        }
    }

    private void drainUnreachable() {
        for (java.lang.ref.Reference<? extends CudaArray> r; (r = unreachable.poll()) != null; ) {
            Tracked t = (Tracked) r;
            tracked.remove(t);
            if (!t.memory.freed.getAndSet(true) && t.memory.base != 0) {
                try {
                    int ignored = (int) d.cuMemFree.invokeExact(t.memory.base);
                } catch (Throwable e) {
                    throw Driver.rethrow(e);
                }
            }
        }
    }

    void copyIn(long dst, MemorySegment src, long bytes) {
        if (bytes == 0) {
            return;
        }
        enter();
        try {
            d.check((int) d.cuMemcpyHtoD.invokeExact(dst, src, bytes), "cuMemcpyHtoD_v2");
        } catch (Throwable t) {
            throw Driver.rethrow(t);
        }
    }

    void copyOut(MemorySegment dst, long src, long bytes) {
        if (bytes == 0) {
            return;
        }
        enter();
        try {
            d.check((int) d.cuMemcpyDtoH.invokeExact(dst, src, bytes), "cuMemcpyDtoH_v2");
        } catch (Throwable t) {
            throw Driver.rethrow(t);
        }
    }

    /** Device-to-device copy, asynchronous on the legacy stream (time it with {@link #timeMillis}). */
    public void copyDeviceToDevice(DeviceArray src, DeviceArray dst) {
        CudaArray s = (CudaArray) src;
        CudaArray t = (CudaArray) dst;
        if (s.bytes() != t.bytes()) {
            throw new IllegalArgumentException("copy of " + s.bytes() + " bytes into " + t.bytes());
        }
        enter();
        try {
            d.check((int) d.cuMemcpyDtoD.invokeExact(t.pointer(), s.pointer(), s.bytes()), "cuMemcpyDtoD_v2");
        } catch (Throwable e) {
            throw Driver.rethrow(e);
        }
    }

    private CudaArray mine(DeviceArray a) {
        if (!(a instanceof CudaArray c) || c.device() != this) {
            throw new IllegalArgumentException("the array is on " + a.device().name() + ", not " + name());
        }
        return c;
    }

    @Override
    public DeviceArray copyOf(float[] data) {
        DeviceArray a = allocate(DType.FLOAT32, data.length);
        a.copyFrom(data);
        return a;
    }

    @Override
    public DeviceArray copyOf(double[] data) {
        DeviceArray a = allocate(DType.FLOAT64, data.length);
        a.copyFrom(data);
        return a;
    }

    @Override
    public DeviceArray copyOf(int[] data) {
        DeviceArray a = allocate(DType.INT32, data.length);
        a.copyFrom(data);
        return a;
    }

    @Override
    public DeviceArray copyOf(long[] data) {
        DeviceArray a = allocate(DType.INT64, data.length);
        a.copyFrom(data);
        return a;
    }

    @Override
    public DeviceArray arange(DType type, long n) {
        try (DeviceArray host = io.tandem.gpu.internal.cpu.CpuDevice.INSTANCE.arange(type, n)) {
            DeviceArray a = allocate(type, n);
            switch (host.toArray()) {
                case float[] f -> a.copyFrom(f);
                case double[] x -> a.copyFrom(x);
                case int[] i -> a.copyFrom(i);
                case long[] l -> a.copyFrom(l);
                default -> throw new IllegalStateException();
            }
            return a;
        }
    }

    // ------------------------------------------------------------------ kernels

    @Override
    public void elementwise(Elementwise k, boolean[] scalar, Object[] args, long n) {
        launchElementwise(k, scalar, args, n);
        synchronize();
    }

    /** Launches without waiting for the kernel to finish. */
    public void launchElementwise(Elementwise k, boolean[] scalar, Object[] args, long n) {
        Map<String, MemorySegment> fns = module(k.key(), scalar, () -> PtxGen.elementwise(k, scalar), List.of(k.name()));
        if (n == 0) {
            return;
        }
        long blocks = Math.min((n + PtxGen.BLOCK - 1) / PtxGen.BLOCK, (long) info.multiprocessors() * 32);
        launch(fns.get(k.name()), (int) blocks, args, scalarTypes(k.inputs(), scalar), n);
    }

    @Override
    public long reduce(Reduction r, boolean[] scalar, Object[] args, long n) {
        Map<String, MemorySegment> fns = module(r.key(), scalar, () -> PtxGen.reduction(r, scalar),
                List.of(r.name() + "_partial", r.name() + "_final"));
        long blocks = Math.max(1, Math.min((n + PtxGen.BLOCK - 1) / PtxGen.BLOCK, (long) info.multiprocessors() * 8));
        DType acc = dtype(r.acc());
        try (DeviceArray partials = allocate(acc, blocks);
             DeviceArray out = allocate(dtype(r.output().type()), 1)) {
            Object[] partialArgs = Arrays.copyOf(args, args.length + 1);
            partialArgs[args.length] = partials;
            launch(fns.get(r.name() + "_partial"), (int) blocks, partialArgs, scalarTypes(r.inputs(), scalar), n);
            launch(fns.get(r.name() + "_final"), 1, new Object[]{partials, out}, new Type[2], blocks);
            Object host = out.toArray();   // DtoH on the legacy stream: waits for both kernels
            return switch (host) {
                case float[] f -> Float.floatToRawIntBits(f[0]);
                case double[] x -> Double.doubleToRawLongBits(x[0]);
                case int[] i -> i[0];
                case long[] l -> l[0];
                default -> throw new IllegalStateException();
            };
        }
    }

    private static DType dtype(Type t) {
        return switch (t) {
            case FLOAT32 -> DType.FLOAT32;
            case FLOAT64 -> DType.FLOAT64;
            case INT32 -> DType.INT32;
            default -> DType.INT64;
        };
    }

    private static Type[] scalarTypes(List<io.tandem.gpu.internal.lang.Sym> inputs, boolean[] scalar) {
        Type[] t = new Type[inputs.size() + 8];
        for (int k = 0; k < inputs.size(); k++) {
            t[k] = scalar[k] ? inputs.get(k).type() : null;
        }
        return t;
    }

    /** cuLaunchKernel with one pointer per argument (arrays: device pointer; scalars: value), then n. */
    private void launch(MemorySegment fn, int blocks, Object[] args, Type[] scalarTypes, long n) {
        enter();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment params = a.allocate(ADDRESS, args.length + 1);
            for (int k = 0; k < args.length; k++) {
                MemorySegment slot;
                Type st = k < scalarTypes.length ? scalarTypes[k] : null;
                if (args[k] instanceof DeviceArray arr) {
                    slot = a.allocate(JAVA_LONG);
                    slot.set(JAVA_LONG, 0, mine(arr).pointer());
                } else {
                    Number v = (Number) args[k];
                    switch (st) {
                        case FLOAT32 -> (slot = a.allocate(JAVA_FLOAT)).set(JAVA_FLOAT, 0, v.floatValue());
                        case FLOAT64 -> (slot = a.allocate(JAVA_DOUBLE)).set(JAVA_DOUBLE, 0, v.doubleValue());
                        case INT32 -> (slot = a.allocate(JAVA_INT)).set(JAVA_INT, 0, v.intValue());
                        case null, default -> (slot = a.allocate(JAVA_LONG)).set(JAVA_LONG, 0, v.longValue());
                    }
                }
                params.setAtIndex(ADDRESS, k, slot);
            }
            MemorySegment count = a.allocate(JAVA_LONG);
            count.set(JAVA_LONG, 0, n);
            params.setAtIndex(ADDRESS, args.length, count);
            int r = (int) d.cuLaunchKernel.invokeExact(fn, blocks, 1, 1, PtxGen.BLOCK, 1, 1, 0,
                    MemorySegment.NULL, params, MemorySegment.NULL);
            d.check(r, "cuLaunchKernel", blocks + " blocks of " + PtxGen.BLOCK + " on " + info);
        } catch (Throwable t) {
            throw Driver.rethrow(t);
        }
    }

    /** Waits for all work on this device's context (cuCtxSynchronize). */
    public void synchronize() {
        enter();
        try {
            d.check((int) d.cuCtxSynchronize.invokeExact(), "cuCtxSynchronize");
        } catch (Throwable t) {
            throw Driver.rethrow(t);
        }
    }

    /** GPU time of what {@code work} enqueues on the legacy stream, by two events; milliseconds. */
    public float timeMillis(Runnable work) {
        enter();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment e0 = a.allocate(ADDRESS);
            MemorySegment e1 = a.allocate(ADDRESS);
            d.check((int) d.cuEventCreate.invokeExact(e0, 0), "cuEventCreate");
            MemorySegment start = e0.get(ADDRESS, 0);
            try {   // each event is destroyed once created, whatever fails after it
                d.check((int) d.cuEventCreate.invokeExact(e1, 0), "cuEventCreate");
                MemorySegment end = e1.get(ADDRESS, 0);
                try {
                    d.check((int) d.cuEventRecord.invokeExact(start, MemorySegment.NULL), "cuEventRecord");
                    work.run();
                    enter();
                    d.check((int) d.cuEventRecord.invokeExact(end, MemorySegment.NULL), "cuEventRecord");
                    d.check((int) d.cuEventSynchronize.invokeExact(end), "cuEventSynchronize");
                    MemorySegment ms = a.allocate(JAVA_FLOAT);
                    d.check((int) d.cuEventElapsedTime.invokeExact(ms, start, end), "cuEventElapsedTime");
                    return ms.get(JAVA_FLOAT, 0);
                } finally {
                    int ignored = (int) d.cuEventDestroy.invokeExact(end);
                }
            } finally {
                int ignored = (int) d.cuEventDestroy.invokeExact(start);
            }
        } catch (Throwable t) {
            throw Driver.rethrow(t);
        }
    }

    /** Creates, synchronises and destroys a stream: proves the stream bindings (the device check calls it). */
    public void checkStreams() {
        enter();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = a.allocate(ADDRESS);
            d.check((int) d.cuStreamCreate.invokeExact(s, 1), "cuStreamCreate");   // CU_STREAM_NON_BLOCKING
            MemorySegment stream = s.get(ADDRESS, 0);
            try {
                d.check((int) d.cuStreamSynchronize.invokeExact(stream), "cuStreamSynchronize");
            } finally {
                d.check((int) d.cuStreamDestroy.invokeExact(stream), "cuStreamDestroy_v2");
            }
        } catch (Throwable t) {
            throw Driver.rethrow(t);
        }
    }

    // ------------------------------------------------------------------ modules

    private Map<String, MemorySegment> module(String key, boolean[] scalar, java.util.function.Supplier<String> ptx,
                                              List<String> entries) {
        String k = key + "|" + Arrays.toString(scalar);
        Map<String, MemorySegment> m = modules.get(k);
        return m != null ? m : modules.computeIfAbsent(k, x -> load(ptx.get(), entries));
    }

    private Map<String, MemorySegment> load(String ptx, List<String> entries) {
        enter();
        CudaException first;
        try {
            return loadOnce(ptx, entries);
        } catch (CudaException e) {
            first = e;
        }
        String own = ptx.replace(PtxGen.header(PtxGen.VERSION, PtxGen.TARGET), ptxHeader());
        try {
            return loadOnce(own, entries);
        } catch (CudaException e) {
            e.addSuppressed(first);
            throw e;
        }
    }

    /** The header for this device's own architecture, in the oldest PTX ISA that has it. */
    String ptxHeader() {
        int cc = info.major() * 10 + info.minor();
        String version = cc >= 120 ? "8.7" : cc >= 100 ? "8.6" : cc >= 89 ? "7.8" : cc >= 87 ? "7.4"
                : cc >= 86 ? "7.1" : cc >= 80 ? "7.0" : cc >= 75 ? "6.3" : cc >= 72 ? "6.1" : "6.0";
        String target = info.major() >= 9 && cc == 90 ? "sm_90" : "sm_" + cc;
        return PtxGen.header(version, target);
    }

    private Map<String, MemorySegment> loadOnce(String ptx, List<String> entries) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment image = a.allocateFrom(ptx);
            MemorySegment infoLog = a.allocate(LOG_BYTES);
            MemorySegment errorLog = a.allocate(LOG_BYTES);
            MemorySegment options = a.allocate(JAVA_INT, 4);
            options.setAtIndex(JAVA_INT, 0, Driver.JIT_INFO_LOG_BUFFER);
            options.setAtIndex(JAVA_INT, 1, Driver.JIT_INFO_LOG_BUFFER_SIZE_BYTES);
            options.setAtIndex(JAVA_INT, 2, Driver.JIT_ERROR_LOG_BUFFER);
            options.setAtIndex(JAVA_INT, 3, Driver.JIT_ERROR_LOG_BUFFER_SIZE_BYTES);
            MemorySegment values = a.allocate(ADDRESS, 4);
            values.setAtIndex(ADDRESS, 0, infoLog);
            values.setAtIndex(ADDRESS, 1, MemorySegment.ofAddress(LOG_BYTES));   // sizes travel as the pointer's value
            values.setAtIndex(ADDRESS, 2, errorLog);
            values.setAtIndex(ADDRESS, 3, MemorySegment.ofAddress(LOG_BYTES));
            MemorySegment mod = a.allocate(ADDRESS);
            int r = (int) d.cuModuleLoadDataEx.invokeExact(mod, image, 4, options, values);
            if (r != Driver.CUDA_SUCCESS) {
                String log = errorLog.getString(0);
                d.check(r, "cuModuleLoadDataEx", "JIT log: " + (log.isBlank() ? "(empty)" : log.strip())
                        + "\n--- PTX ---\n" + ptx);
            }
            MemorySegment module = mod.get(ADDRESS, 0);
            Map<String, MemorySegment> fns = new ConcurrentHashMap<>();
            for (String entry : entries) {
                MemorySegment f = a.allocate(ADDRESS);
                d.check((int) d.cuModuleGetFunction.invokeExact(f, module, a.allocateFrom(entry)), "cuModuleGetFunction(" + entry + ")");
                fns.put(entry, f.get(ADDRESS, 0));
            }
            return fns;
        } catch (Throwable t) {
            throw Driver.rethrow(t);
        }
    }

    /** The driver version, e.g. {@code CUDA 12.4}. */
    public String driverVersion() {
        return Cuda.version(driverVersion);
    }
}
