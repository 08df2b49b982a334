package io.tandem.gpu.internal.cuda;

import io.tandem.gpu.CudaException;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/*
 * FFM downcalls to the CUDA driver API (cuda.h), written from the header's declarations:
 *
 *   CUresult            int (enum)                 CUdevice    int
 *   CUcontext, CUmodule, CUfunction, CUstream, CUevent: opaque pointers (ADDRESS)
 *   CUdeviceptr         unsigned long long on 64-bit hosts (JAVA_LONG)
 *   size_t              JAVA_LONG (LP64)           unsigned int  JAVA_INT
 *
 * The _v2 symbols are the ones cuda.h maps the plain names to since CUDA 3.2 / 4.0 (memory, 64-bit
 * sizes) and 11.0 (cuDevicePrimaryCtxRelease_v2; cuEventDestroy_v2 and cuStreamDestroy_v2 since 4.0).
 * ASSUMPTION (not checked on a GPU from this machine): every symbol below exists in any libcuda.so.1 of a
 * CUDA 11+ driver; cuDevicePrimaryCtxRelease_v2 falls back to the old name for older drivers.
 *
 * Copies between the Java heap and the device pass heap segments straight to cuMemcpy*: those handles are
 * linked with Linker.Option.critical(true), which lets a downcall see heap memory (the GC waits for the
 * call, as it does for a JNI critical region). Everything else passes native memory.
 *
 * Every call is checked: a CUresult other than CUDA_SUCCESS becomes a CudaException naming the call and
 * cuGetErrorName of the result.
 */
final class Driver {
    // CUdevice_attribute (cuda.h)
    static final int ATTR_MAX_THREADS_PER_BLOCK = 1;
    static final int ATTR_MULTIPROCESSOR_COUNT = 16;
    static final int ATTR_COMPUTE_CAPABILITY_MAJOR = 75;
    static final int ATTR_COMPUTE_CAPABILITY_MINOR = 76;
    // CUjit_option (cuda.h)
    static final int JIT_INFO_LOG_BUFFER = 3;
    static final int JIT_INFO_LOG_BUFFER_SIZE_BYTES = 4;
    static final int JIT_ERROR_LOG_BUFFER = 5;
    static final int JIT_ERROR_LOG_BUFFER_SIZE_BYTES = 6;
    // CUresult values the loader reacts to
    static final int CUDA_SUCCESS = 0;

    private final MethodHandle cuGetErrorName;
    final MethodHandle cuInit;
    final MethodHandle cuDriverGetVersion;
    final MethodHandle cuDeviceGetCount;
    final MethodHandle cuDeviceGet;
    final MethodHandle cuDeviceGetName;
    final MethodHandle cuDeviceTotalMem;
    final MethodHandle cuDeviceGetAttribute;
    final MethodHandle cuDevicePrimaryCtxRetain;
    final MethodHandle cuDevicePrimaryCtxRelease;
    final MethodHandle cuCtxSetCurrent;
    final MethodHandle cuCtxSynchronize;
    final MethodHandle cuModuleLoadDataEx;
    final MethodHandle cuModuleGetFunction;
    final MethodHandle cuModuleUnload;
    final MethodHandle cuLaunchKernel;
    final MethodHandle cuMemAlloc;
    final MethodHandle cuMemFree;
    final MethodHandle cuMemsetD32;
    final MethodHandle cuMemcpyHtoD;
    final MethodHandle cuMemcpyDtoH;
    final MethodHandle cuMemcpyDtoD;
    final MethodHandle cuEventCreate;
    final MethodHandle cuEventRecord;
    final MethodHandle cuEventSynchronize;
    final MethodHandle cuEventElapsedTime;
    final MethodHandle cuEventDestroy;
    final MethodHandle cuStreamCreate;
    final MethodHandle cuStreamSynchronize;
    final MethodHandle cuStreamDestroy;

    private final SymbolLookup lib;
    private final Linker linker = Linker.nativeLinker();

    /** Binds every function; {@code lib} is libcuda.so.1 (a missing symbol fails here, naming it). */
    Driver(SymbolLookup lib) {
        this.lib = lib;
        cuGetErrorName = bind("cuGetErrorName", JAVA_INT, ADDRESS);
        cuInit = bind("cuInit", JAVA_INT);
        cuDriverGetVersion = bind("cuDriverGetVersion", ADDRESS);
        cuDeviceGetCount = bind("cuDeviceGetCount", ADDRESS);
        cuDeviceGet = bind("cuDeviceGet", ADDRESS, JAVA_INT);
        cuDeviceGetName = bind("cuDeviceGetName", ADDRESS, JAVA_INT, JAVA_INT);
        cuDeviceTotalMem = bind("cuDeviceTotalMem_v2", ADDRESS, JAVA_INT);
        cuDeviceGetAttribute = bind("cuDeviceGetAttribute", ADDRESS, JAVA_INT, JAVA_INT);
        cuDevicePrimaryCtxRetain = bind("cuDevicePrimaryCtxRetain", ADDRESS, JAVA_INT);
        cuDevicePrimaryCtxRelease = lib.find("cuDevicePrimaryCtxRelease_v2").isPresent()
                ? bind("cuDevicePrimaryCtxRelease_v2", JAVA_INT) : bind("cuDevicePrimaryCtxRelease", JAVA_INT);
        cuCtxSetCurrent = bind("cuCtxSetCurrent", ADDRESS);
        cuCtxSynchronize = bind("cuCtxSynchronize");
        // CUresult cuModuleLoadDataEx(CUmodule*, const void* image, unsigned numOptions, CUjit_option*, void** values)
        cuModuleLoadDataEx = bind("cuModuleLoadDataEx", ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS);
        cuModuleGetFunction = bind("cuModuleGetFunction", ADDRESS, ADDRESS, ADDRESS);
        cuModuleUnload = bind("cuModuleUnload", ADDRESS);
        // CUresult cuLaunchKernel(CUfunction f, unsigned gridX, gridY, gridZ, blockX, blockY, blockZ,
        //                         unsigned sharedMemBytes, CUstream, void** kernelParams, void** extra)
        cuLaunchKernel = bind("cuLaunchKernel", ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
        cuMemAlloc = bind("cuMemAlloc_v2", ADDRESS, JAVA_LONG);
        cuMemFree = bind("cuMemFree_v2", JAVA_LONG);
        // CUresult cuMemsetD32_v2(CUdeviceptr dst, unsigned int value, size_t count32)
        cuMemsetD32 = bind("cuMemsetD32_v2", JAVA_LONG, JAVA_INT, JAVA_LONG);
        cuMemcpyHtoD = bindCritical("cuMemcpyHtoD_v2", JAVA_LONG, ADDRESS, JAVA_LONG);
        cuMemcpyDtoH = bindCritical("cuMemcpyDtoH_v2", ADDRESS, JAVA_LONG, JAVA_LONG);
        cuMemcpyDtoD = bind("cuMemcpyDtoD_v2", JAVA_LONG, JAVA_LONG, JAVA_LONG);
        cuEventCreate = bind("cuEventCreate", ADDRESS, JAVA_INT);
        cuEventRecord = bind("cuEventRecord", ADDRESS, ADDRESS);
        cuEventSynchronize = bind("cuEventSynchronize", ADDRESS);
        cuEventElapsedTime = bind("cuEventElapsedTime", ADDRESS, ADDRESS, ADDRESS);
        cuEventDestroy = bind("cuEventDestroy_v2", ADDRESS);
        cuStreamCreate = bind("cuStreamCreate", ADDRESS, JAVA_INT);
        cuStreamSynchronize = bind("cuStreamSynchronize", ADDRESS);
        cuStreamDestroy = bind("cuStreamDestroy_v2", ADDRESS);
    }

    private MethodHandle bind(String name, MemoryLayout... args) {
        MemorySegment f = lib.find(name).orElseThrow(() -> new IllegalStateException(
                "libcuda.so.1 has no " + name + ": the driver is older than CUDA 11 or not NVIDIA's"));
        return linker.downcallHandle(f, FunctionDescriptor.of(JAVA_INT, args));
    }

    private MethodHandle bindCritical(String name, MemoryLayout... args) {
        MemorySegment f = lib.find(name).orElseThrow(() -> new IllegalStateException("libcuda.so.1 has no " + name));
        return linker.downcallHandle(f, FunctionDescriptor.of(JAVA_INT, args), Linker.Option.critical(true));
    }

    /** cuGetErrorName of a result, or "CUresult n" when the driver does not know it. */
    String errorName(int result) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = a.allocate(ADDRESS);
            int r = (int) cuGetErrorName.invokeExact(result, p);
            MemorySegment s = p.get(ADDRESS, 0);
            if (r != CUDA_SUCCESS || s.equals(MemorySegment.NULL)) {
                return "CUresult " + result;
            }
            return s.reinterpret(256).getString(0);
        } catch (Throwable e) {
            return "CUresult " + result;
        }
    }

    /** Throws a {@link CudaException} unless {@code result} is CUDA_SUCCESS. */
    void check(int result, String call) {
        check(result, call, null);
    }

    void check(int result, String call, String detail) {
        if (result != CUDA_SUCCESS) {
            throw new CudaException(call, result, errorName(result), detail);
        }
    }

    /** Wraps a Throwable from invokeExact that is not a CudaException. */
    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    static MemorySegment intBox(Arena a) {
        return a.allocate(JAVA_INT);
    }

    static final ValueLayout.OfFloat FLOAT = JAVA_FLOAT;
}
