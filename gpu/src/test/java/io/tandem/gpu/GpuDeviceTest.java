package io.tandem.gpu;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every kernel kind on the GPU against the CPU backend. Runs only where {@link Gpu#available()}; elsewhere
 * each test is reported SKIPPED with the reason ("no GPU: libcuda.so.1 not found ..."), never silently.
 * Select with {@code -Dgroups=gpu}.
 */
@Tag("gpu")
class GpuDeviceTest {
    private static final int[] SIZES = {0, 1, 255, 257, (1 << 20) + 3};
    private Device gpu;
    private final Device cpu = Gpu.cpu();

    @BeforeEach
    void needsAGpu() {
        assumeTrue(Gpu.available(), () -> "skipped: no GPU on this machine (" + Gpu.unavailableReason() + ")");
        gpu = Gpu.gpu();
    }

    private static float[] randomFloats(int n, long seed) {
        Random r = new Random(seed);
        float[] a = new float[n];
        for (int j = 0; j < n; j++) {
            a[j] = (float) (r.nextGaussian() * 2);
        }
        return a;
    }

    @Test
    void theSeedsSquareOnTheGpu() {
        try (DeviceArray x = gpu.arange(10); DeviceArray y = x.mul(x).eval()) {
            assertEquals("[ 0  1  4  9 16 25 36 49 64 81]", y.toString());
        }
    }

    @Test
    void exactArithmeticIsBitIdenticalToTheCpu() {
        ElementwiseKernel k = ElementwiseKernel.create("float32 a, float32 x, float32 y, int32 m", "float32 z, int64 w",
                "z = select(x > y, a * x + y, sqrt(abs(x)) / (y + 3.0)); w = int64(m) * m % 1000 + i", "exact");
        for (int n : SIZES) {
            float[] x = randomFloats(n, n);
            float[] y = randomFloats(n, n + 1);
            int[] m = new int[n];
            for (int j = 0; j < n; j++) {
                m[j] = j * 7919;
            }
            try (DeviceArray gx = gpu.copyOf(x); DeviceArray gy = gpu.copyOf(y); DeviceArray gm = gpu.copyOf(m);
                 DeviceArray gz = gpu.allocate(DType.FLOAT32, n); DeviceArray gw = gpu.allocate(DType.INT64, n);
                 DeviceArray cx = cpu.copyOf(x); DeviceArray cy = cpu.copyOf(y); DeviceArray cm = cpu.copyOf(m);
                 DeviceArray cz = cpu.allocate(DType.FLOAT32, n); DeviceArray cw = cpu.allocate(DType.INT64, n)) {
                k.launch(2.5f, gx, gy, gm, gz, gw);
                k.launch(2.5f, cx, cy, cm, cz, cw);
                assertArrayEquals(cz.toFloatArray(), gz.toFloatArray(), "n " + n);
                assertArrayEquals(cw.toLongArray(), gw.toLongArray(), "n " + n);
            }
        }
    }

    @Test
    void float32MathIsWithinTheApproximationsError() {
        ElementwiseKernel k = ElementwiseKernel.create("float32 x", "float32 y",
                "y = exp(x) + log(abs(x) + 1) + sin(x) * cos(x) + pow(abs(x) + 0.5f, 1.5f)", "math");
        float[] x = randomFloats(100_003, 7);
        for (int j = 0; j < x.length; j++) {
            x[j] = Math.max(-3.1f, Math.min(3.1f, x[j]));
        }
        try (DeviceArray gx = gpu.copyOf(x); DeviceArray cx = cpu.copyOf(x);
             DeviceArray g = k.apply(gx); DeviceArray c = k.apply(cx)) {
            float[] gs = g.toFloatArray();
            float[] cs = c.toFloatArray();
            for (int j = 0; j < x.length; j++) {
                assertEquals(cs[j], gs[j], 2e-5f * Math.max(1, Math.abs(cs[j])), "x = " + x[j]);
            }
        }
    }

    @Test
    void reductionsMatchTheCpu() {
        ReductionKernel l2 = ReductionKernel.create("float64 x", "float64 y", "x * x", "a + b", "y = sqrt(a)", "0", "l2");
        for (int n : SIZES) {
            long[] ints = new long[n];
            double[] ds = new double[n];
            for (int j = 0; j < n; j++) {
                ints[j] = (j * 2654435761L) % 1_000_003 - 500_000;
                ds[j] = ints[j] / 1000.0;
            }
            try (DeviceArray gi = gpu.copyOf(ints); DeviceArray ci = cpu.copyOf(ints);
                 DeviceArray gd = gpu.copyOf(ds); DeviceArray cd = cpu.copyOf(ds)) {
                assertEquals(ci.sum(), gi.sum(), "int64 sum, n " + n);
                if (n > 0) {
                    assertEquals(ci.max(), gi.max(), "int64 max, n " + n);
                    assertEquals(cd.min(), gd.min(), "float64 min, n " + n);
                }
                double want = l2.apply(cd).doubleValue();
                assertEquals(want, l2.apply(gd).doubleValue(), 1e-12 * Math.max(1, want), "l2, n " + n);
            }
        }
    }

    @Test
    void slicesSegmentsAndCloseOnTheGpu() {
        try (DeviceArray a = gpu.arange(DType.INT32, 100); Arena arena = Arena.ofConfined()) {
            DeviceArray s = a.slice(10, 20);
            try (DeviceArray twice = s.mul(2.0).eval()) {
                assertEquals(10 * 2, twice.toIntArray()[0]);
            }
            MemorySegment seg = arena.allocate(ValueLayout.JAVA_INT, 10);
            s.copyTo(seg);
            assertEquals(19, seg.getAtIndex(ValueLayout.JAVA_INT, 9));
            s.copyFrom(new int[10]);
            assertEquals(0, a.toIntArray()[15]);
        }
        DeviceArray closed = gpu.allocate(DType.FLOAT32, 4);
        closed.close();
        assertThrows(IllegalStateException.class, closed::toArray);
    }

    @Test
    void float64TranscendentalsAreRefusedOnTheGpuWithThePosition() {
        ElementwiseKernel k = ElementwiseKernel.create("float64 x", "float64 y", "y = exp(x)", "e64");
        try (DeviceArray x = gpu.copyOf(new double[]{1})) {
            KernelException e = assertThrows(KernelException.class, () -> k.apply(x));
            assertTrue(e.getMessage().contains("float64"), e.getMessage());
        }
    }
}
