package io.tandem.gpu.internal.cuda;

import io.tandem.gpu.CudaException;
import io.tandem.gpu.DType;
import io.tandem.gpu.DeviceArray;
import io.tandem.gpu.DeviceInfo;
import io.tandem.gpu.ElementwiseKernel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CUDA bindings ({@link Driver}, {@link Cuda#probe}, {@link CudaDevice}, {@link CudaArray}) run for real
 * over FFM against a fake driver library ({@link FakeCuda}, {@code fake_cuda.c}) built with gcc at test time:
 * a probe of this machine's GPU-less state is left alone, the fake is probed by path and a {@link CudaDevice}
 * made from that state, as {@link Cuda#device} does for the real one.
 *
 * <p>What is real: every downcall, its argument layouts and return codes, host-device copies (the fake's
 * device memory is host memory, so data round-trips byte for byte), frees (the fake counts live
 * allocations, events, streams), the kernel parameter block (the fake reads each parameter with the size its
 * PTX declares), CUresult-to-exception mapping and the JIT log. What is not: the fake cannot run PTX, so no
 * kernel computes anything here and no test checks a kernel's result; GPU results are checked by
 * {@code GpuDeviceTest} and {@code gpu/device-check.sh} on an NVIDIA machine. Skipped without gcc.
 */
class FakeDriverTest {
    private static final Pattern LAUNCH = Pattern.compile(
            "(\\w+) grid=(\\d+),1,1 block=(\\d+),1,1 shared=0 stream=0 params=(.*)");
    private static Path library;
    private static FakeCuda fake;
    private static Cuda.State state;
    private static CudaDevice gpu;

    /** Per test, not in a @BeforeAll, so that without gcc every test is reported skipped with the reason. */
    @BeforeEach
    void loadAndResetTheFake() {
        synchronized (FakeDriverTest.class) {
            if (gpu == null) {
                library = FakeCuda.library();
                fake = FakeCuda.open(library);
                fake.reset();
                state = Cuda.probe(library.toString(), false);
                assertTrue(state.available(), state.reason());
                gpu = new CudaDevice(state.driver(), state.devices().getFirst(), state.driverVersion());
            }
        }
        fake.reset();
    }

    @AfterEach
    void everyBlockIsFreed() {
        if (fake == null) {
            return;   // skipped: no gcc
        }
        fake.reset();
        assertEquals(0, fake.liveAllocations(), "device allocations left by the test");
        assertEquals(0, fake.liveEvents(), "events left by the test");
        assertEquals(0, fake.liveStreams(), "streams left by the test");
    }

    @Test
    void theProbeReportsTheFakesDevice() {
        assertEquals(List.of(new DeviceInfo(0, "Tandem fake CUDA device", 16L << 30, 9, 0, 4)), state.devices());
        assertEquals("", state.reason());
        assertEquals("CUDA 12.4", gpu.driverVersion());
        assertEquals("cuda:0 Tandem fake CUDA device (sm_90, 4 SMs, 16.0 GiB)", gpu.toString());
        assertEquals(".version 7.8\n.target sm_90\n.address_size 64\n", gpu.ptxHeader());
    }

    @Test
    void javaArraysRoundTripBitForBit() {
        float[] f = {0f, -0f, 1.5f, Float.NaN, Float.intBitsToFloat(0x7fc00001), Float.MIN_VALUE, Float.MAX_VALUE,
                Float.NEGATIVE_INFINITY};
        double[] d = {0d, -0d, Math.PI, Double.longBitsToDouble(0x7ff8000000000123L), Double.MIN_VALUE, -1e300};
        int[] i = {0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 42};
        long[] l = {0, -1, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 40};
        try (DeviceArray gf = gpu.copyOf(f); DeviceArray gd = gpu.copyOf(d);
             DeviceArray gi = gpu.copyOf(i); DeviceArray gl = gpu.copyOf(l)) {
            assertEquals(4, fake.liveAllocations());
            assertArrayEquals(bits(f), bits((float[]) gf.toArray()));
            assertArrayEquals(bits(d), bits((double[]) gd.toArray()));
            assertArrayEquals(i, (int[]) gi.toArray());
            assertArrayEquals(l, (long[]) gl.toArray());
        }
        assertEquals(0, fake.liveAllocations(), "close frees every block");
    }

    @Test
    void segmentsRoundTripAndNewArraysAreZero() {
        try (Arena arena = Arena.ofConfined();
             DeviceArray zeros = gpu.allocate(DType.INT64, 1000);
             DeviceArray a = gpu.allocate(DType.INT32, 257)) {
            // the fake fills fresh memory with 0xA5: zeros here are cuMemsetD32_v2's
            assertArrayEquals(new long[1000], (long[]) zeros.toArray());
            MemorySegment in = arena.allocate(JAVA_INT, 257);
            for (int k = 0; k < 257; k++) {
                in.setAtIndex(JAVA_INT, k, k * 31 - 4000);
            }
            a.copyFrom(in);
            MemorySegment out = arena.allocate(JAVA_INT, 257);
            a.copyTo(out);
            assertEquals(-1, in.mismatch(out));
            int[] heap = new int[257];
            a.copyTo(MemorySegment.ofArray(heap));   // a heap segment: the critical downcall
            assertArrayEquals(in.toArray(JAVA_INT), heap);
            assertThrows(IllegalArgumentException.class, () -> a.copyTo(arena.allocate(JAVA_BYTE, 3)));
        }
    }

    @Test
    void slicesShareTheirRootsBlockAndOnlyTheRootFreesIt() {
        int[] data = new int[100];
        Arrays.setAll(data, k -> k);
        DeviceArray root = gpu.copyOf(data);
        DeviceArray slice = root.slice(10, 20);
        DeviceArray inner = slice.slice(5, 10);
        assertArrayEquals(new int[]{10, 11, 12, 13, 14, 15, 16, 17, 18, 19}, (int[]) slice.toArray());
        assertArrayEquals(new int[]{15, 16, 17, 18, 19}, (int[]) inner.toArray());
        assertEquals(((CudaArray) root).pointer() + 60, ((CudaArray) inner).pointer());
        slice.copyFrom(new int[10]);
        int[] after = (int[]) root.toArray();
        for (int k = 0; k < 100; k++) {
            assertEquals(k >= 10 && k < 20 ? 0 : k, after[k], "element " + k);
        }
        slice.close();
        assertEquals(1, fake.liveAllocations(), "closing a slice frees nothing");
        assertArrayEquals(new int[]{0, 0, 0, 0, 0}, (int[]) inner.toArray());
        root.close();
        root.close();   // a second close is a no-op, not a second cuMemFree
        assertEquals(0, fake.liveAllocations());
        assertThrows(IllegalStateException.class, inner::toArray);
        assertThrows(IllegalStateException.class, root::toArray);
    }

    @Test
    void aDeviceToDeviceCopyRoundTrips() {
        try (DeviceArray a = gpu.copyOf(new double[]{1, 2, 3, 4}); DeviceArray b = gpu.allocate(DType.FLOAT64, 4)) {
            gpu.copyDeviceToDevice(a, b);
            assertArrayEquals(new double[]{1, 2, 3, 4}, (double[]) b.toArray());
            try (DeviceArray c = gpu.allocate(DType.FLOAT64, 3)) {
                assertThrows(IllegalArgumentException.class, () -> gpu.copyDeviceToDevice(a, c));
            }
        }
    }

    @Test
    void everyThreadMakesTheContextCurrentBeforeItsCalls() throws InterruptedException {
        // the fake refuses memory calls on a thread without a current context, as the driver does
        try (DeviceArray a = gpu.copyOf(new int[]{1, 2, 3})) {
            Object[] seen = new Object[1];
            Thread t = Thread.ofPlatform().name("fake-cuda-other-thread").start(() -> seen[0] = a.toArray());
            t.join();
            assertArrayEquals(new int[]{1, 2, 3}, (int[]) seen[0]);
        }
    }

    @Test
    void anElementwiseLaunchPassesGridBlockPointersScalarsAndLength() {
        ElementwiseKernel saxpy = ElementwiseKernel.create("float32 a, float32 x, float32 y", "float32 z",
                "z = a * x + y", "fake_saxpy");
        try (DeviceArray x = gpu.allocate(DType.FLOAT32, 1000); DeviceArray y = gpu.allocate(DType.FLOAT32, 1000);
             DeviceArray z = gpu.allocate(DType.FLOAT32, 1000)) {
            long syncs = fake.synchronizations();
            saxpy.launch(2.5f, x, y, z);
            assertEquals(1, fake.launchCount());
            assertLaunch(fake.lastLaunch(), "fake_saxpy", 4, "f32:2.5", ptr(x), ptr(y), ptr(z), "u64:1000");
            assertTrue(fake.synchronizations() > syncs, "an elementwise launch waits for the kernel");
            int modules = fake.liveModules();
            saxpy.launch(-0.125f, z, x, y);
            assertEquals(modules, fake.liveModules(), "the module is cached");
            assertLaunch(fake.lastLaunch(), "fake_saxpy", 4, "f32:-0.125", ptr(z), ptr(x), ptr(y), "u64:1000");
            // slices pass base + offset, and the grid is capped at 32 blocks per multiprocessor (4 here)
            DeviceArray xs = x.slice(1, 1000);
            DeviceArray ys = y.slice(0, 999);
            DeviceArray zs = z.slice(1, 1000);
            saxpy.launch(1f, xs, ys, zs);
            assertLaunch(fake.lastLaunch(), "fake_saxpy", 4, "f32:1", "u64:" + (((CudaArray) x).pointer() + 4),
                    ptr(y), "u64:" + (((CudaArray) z).pointer() + 4), "u64:999");
        }
        try (DeviceArray big = gpu.allocate(DType.FLOAT32, 1 << 20)) {
            saxpy.launch(0f, big, big, big);
            assertLaunch(fake.lastLaunch(), "fake_saxpy", 4 * 32, "f32:0", ptr(big), ptr(big), ptr(big),
                    "u64:" + (1 << 20));
        }
    }

    @Test
    void scalarsOfEveryTypeAreWrittenWithTheirPtxSize() {
        ElementwiseKernel k = ElementwiseKernel.create("float64 a, int64 b, int32 c, float32 d, int32 x", "int64 y",
                "y = int64(a) + b + c + int64(d) + x", "fake_scalars");
        try (DeviceArray x = gpu.allocate(DType.INT32, 3); DeviceArray y = k.apply(-1.5, Long.MIN_VALUE, -7, 3.25f, x)) {
            assertEquals(2, fake.liveAllocations(), "apply allocated its output");
            assertLaunch(fake.lastLaunch(), "fake_scalars", 1, "f64:-1.5", "s64:" + Long.MIN_VALUE, "s32:-7",
                    "f32:3.25", ptr(x), ptr(y), "u64:3");
        }
    }

    @Test
    void aReductionLaunchesPartialsThenTheFinalPassAndFreesItsScratch() {
        try (DeviceArray x = gpu.allocate(DType.INT64, 1000)) {
            x.sum();   // the fake computes nothing: the value is whatever the zeroed output holds
            assertEquals(2, fake.launchCount());
            Matcher partial = LAUNCH.matcher(fake.launch(0));
            Matcher fin = LAUNCH.matcher(fake.launch(1));
            assertTrue(partial.matches() && fin.matches(), fake.launch(0) + "\n" + fake.launch(1));
            String name = partial.group(1).replaceFirst("_partial$", "");
            assertEquals(name + "_final", fin.group(1));
            assertEquals("4", partial.group(2), "ceil(1000 / 256) blocks");
            assertEquals("1", fin.group(2));
            String[] p = partial.group(4).split(",");
            String[] f = fin.group(4).split(",");
            assertEquals(List.of(ptr(x), p[1], "u64:1000"), List.of(p));
            assertEquals(List.of(p[1], f[1], "u64:4"), List.of(f), "final reads the partials, one per block");
            assertEquals(1, fake.liveAllocations(), "the partials and the output are freed");
        }
    }

    @Test
    void outOfMemoryIsACudaExceptionNamingTheErrorAndTheCall() {
        fake.setAllocLimit(1 << 20);
        CudaException e = assertThrows(CudaException.class, () -> gpu.allocate(DType.FLOAT32, 1 << 20));
        assertEquals("cuMemAlloc_v2", e.call());
        assertEquals(2, e.code());
        assertEquals("CUDA_ERROR_OUT_OF_MEMORY", e.errorName());
        assertTrue(e.getMessage().startsWith("cuMemAlloc_v2 failed: CUDA_ERROR_OUT_OF_MEMORY (2): 4194304 bytes "
                + "(1048576 float32) on cuda:0 Tandem fake CUDA device"), e.getMessage());
        ElementwiseKernel widen = ElementwiseKernel.create("int32 x", "int64 y", "y = int64(x)", "fake_widen");
        try (DeviceArray x = gpu.allocate(DType.INT32, 1 << 18)) {   // exactly the limit; its int64 output is not
            CudaException out = assertThrows(CudaException.class, () -> widen.apply(x));
            assertEquals("CUDA_ERROR_OUT_OF_MEMORY", out.errorName());
            assertEquals(1, fake.liveAllocations());
            assertEquals(0, fake.launchCount());
        }
    }

    @Test
    void aFailedMemsetFreesTheBlockItJustAllocated() {
        fake.failCall("cuMemsetD32_v2", 0, 700);
        CudaException e = assertThrows(CudaException.class, () -> gpu.allocate(DType.INT32, 64));
        assertEquals("cuMemsetD32_v2", e.call());
        assertEquals("CUDA_ERROR_ILLEGAL_ADDRESS", e.errorName());
        assertEquals(0, fake.liveAllocations());
    }

    @Test
    void aFailedCopyNamesTheCopy() {
        try (DeviceArray a = gpu.allocate(DType.INT32, 4)) {
            fake.failCall("cuMemcpyDtoH_v2", 0, 700);
            CudaException e = assertThrows(CudaException.class, a::toArray);
            assertEquals("cuMemcpyDtoH_v2 failed: CUDA_ERROR_ILLEGAL_ADDRESS (700)", e.getMessage());
        }
    }

    @Test
    void anUnknownResultIsNamedByItsNumber() {
        try (DeviceArray a = gpu.allocate(DType.INT32, 4)) {
            fake.failCall("cuMemcpyHtoD_v2", 0, 12345);
            CudaException e = assertThrows(CudaException.class, () -> a.copyFrom(new int[4]));
            assertEquals("CUresult 12345", e.errorName());
        }
    }

    @Test
    void aModuleTheJitRejectsFailsWithTheJitLog() {
        fake.setInvalidPtxMarker("fake_rejected");
        ElementwiseKernel k = ElementwiseKernel.create("int32 x", "int32 y", "y = x + 1", "fake_rejected");
        int modules = fake.liveModules();
        try (DeviceArray x = gpu.allocate(DType.INT32, 8); DeviceArray y = gpu.allocate(DType.INT32, 8)) {
            CudaException e = assertThrows(CudaException.class, () -> k.launch(x, y));
            assertEquals("cuModuleLoadDataEx", e.call());
            assertEquals("CUDA_ERROR_INVALID_PTX", e.errorName());
            assertTrue(e.getMessage().contains("JIT log: ptxas application ptx input, line 1; fatal   : "
                    + "fake JIT rejects PTX containing 'fake_rejected'"), e.getMessage());
            assertTrue(e.getMessage().contains("--- PTX ---\n// Tandem elementwise kernel 'fake_rejected'\n.version 7.8\n"
                    + ".target sm_90\n"), "the second attempt, with the device's own header:\n" + e.getMessage());
            assertEquals(1, e.getSuppressed().length, "the first attempt (.target sm_50) is attached");
            assertTrue(e.getSuppressed()[0].getMessage().contains(".target sm_50"), e.getSuppressed()[0].getMessage());
            assertEquals(0, fake.launchCount());
            assertEquals(modules, fake.liveModules());
            fake.setInvalidPtxMarker("");
            k.launch(x, y);   // a failed load is not cached
            assertEquals(1, fake.launchCount());
        }
    }

    @Test
    void aDriverThatRefusesTheGenericTargetGetsTheDevicesOwn() {
        ElementwiseKernel k = ElementwiseKernel.create("int64 x", "int64 y", "y = x * 3", "fake_own_target");
        fake.setInvalidPtxMarker(".target sm_50");
        try (DeviceArray x = gpu.allocate(DType.INT64, 5); DeviceArray y = k.apply(x)) {
            assertTrue(fake.lastModule().contains(".version 7.8\n.target sm_90\n.address_size 64\n"), fake.lastModule());
            assertLaunch(fake.lastLaunch(), "fake_own_target", 1, ptr(x), ptr(y), "u64:5");
        }
    }

    @Test
    void streamsAndEventsAreDestroyedEvenWhenACallFails() {
        gpu.checkStreams();
        assertTrue(gpu.timeMillis(() -> { }) >= 0);
        fake.failCall("cuStreamSynchronize", 0, 999);
        CudaException s = assertThrows(CudaException.class, gpu::checkStreams);
        assertEquals("cuStreamSynchronize", s.call());
        assertEquals(0, fake.liveStreams());
        fake.failCall("cuEventRecord", 1, 719);
        CudaException r = assertThrows(CudaException.class, () -> gpu.timeMillis(() -> { }));
        assertEquals("CUDA_ERROR_LAUNCH_FAILED", r.errorName());
        assertEquals(0, fake.liveEvents());
        fake.failCall("cuEventCreate", 1, 2);
        CudaException c = assertThrows(CudaException.class, () -> gpu.timeMillis(() -> { }));
        assertEquals("cuEventCreate", c.call());
        assertEquals(0, fake.liveEvents(), "the first event is destroyed when the second cannot be created");
    }

    @Test
    void cuInitFailureIsTheProbesReason() {
        fake.setInitResult(100);
        Cuda.State s = Cuda.probe(library.toString(), false);
        assertFalse(s.available());
        assertEquals("cuInit failed: CUDA_ERROR_NO_DEVICE (100)", s.reason());
    }

    private static String ptr(DeviceArray a) {
        return "u64:" + ((CudaArray) a).pointer();
    }

    private static void assertLaunch(String launch, String name, int blocks, String... params) {
        assertEquals(name + " grid=" + blocks + ",1,1 block=256,1,1 shared=0 stream=0 params=" + String.join(",", params),
                launch);
    }

    private static int[] bits(float[] f) {
        int[] b = new int[f.length];
        for (int k = 0; k < f.length; k++) {
            b[k] = Float.floatToRawIntBits(f[k]);
        }
        return b;
    }

    private static long[] bits(double[] d) {
        long[] b = new long[d.length];
        for (int k = 0; k < d.length; k++) {
            b[k] = Double.doubleToRawLongBits(d[k]);
        }
        return b;
    }
}
