package io.tandem.gpu;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.NoSuchElementException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DeviceArray and the fused operators on the CPU backend (the GPU runs the same through GpuDeviceTest). */
class ArraysAndOperatorsTest {
    private final Device cpu = Gpu.cpu();

    @Test
    void theSeedsSquarePrintsLikeNumPy() {
        try (DeviceArray x = cpu.arange(10); DeviceArray y = x.mul(x).eval()) {
            assertEquals("[ 0  1  4  9 16 25 36 49 64 81]", y.toString());
            assertEquals(DType.INT64, y.dtype());
        }
        ElementwiseKernel square = ElementwiseKernel.create("int64 x", "int64 y", "y = x * x", "square");
        try (DeviceArray x = cpu.arange(10); DeviceArray y = square.apply(x)) {
            assertArrayEquals(new long[]{0, 1, 4, 9, 16, 25, 36, 49, 64, 81}, y.toLongArray());
        }
    }

    @Test
    void chainedOperatorsFuseIntoOneExpression() {
        try (DeviceArray x = cpu.copyOf(new float[]{1, 2, 3}); DeviceArray y = cpu.copyOf(new float[]{10, 20, 30})) {
            ArrayExpression saxpy = x.mul(2.0).add(y);
            assertEquals("((a0 * a1) + a2)", saxpy.toString());
            assertEquals(DType.FLOAT32, saxpy.dtype());
            assertArrayEquals(new float[]{12, 24, 36}, (float[]) saxpy.toArray());
            assertEquals("(a0 * a0)", x.mul(x).toString(), "one array used twice is one parameter");
            assertEquals(14.0f, x.dot(x).floatValue());
            assertEquals(3.0f, x.max().floatValue());
            assertEquals(1.0f, x.min().floatValue());
        }
    }

    @Test
    void sumsOfInt32AreInt64AndEmptyArraysBehave() {
        try (DeviceArray big = cpu.copyOf(new int[]{Integer.MAX_VALUE, Integer.MAX_VALUE});
             DeviceArray empty = cpu.allocate(DType.FLOAT64, 0)) {
            assertEquals(2L * Integer.MAX_VALUE, big.sum());
            assertEquals(0.0, empty.sum());
            assertThrows(NoSuchElementException.class, empty::max);
            assertEquals("[]", empty.toString());
            try (DeviceArray e2 = empty.mul(empty).eval()) {
                assertEquals(0, e2.length());
            }
        }
    }

    @Test
    void slicesShareMemoryAndSegmentsCopyBothWays() {
        try (DeviceArray a = cpu.arange(DType.FLOAT64, 8); Arena arena = Arena.ofConfined()) {
            DeviceArray mid = a.slice(2, 5);
            assertArrayEquals(new double[]{2, 3, 4}, mid.toDoubleArray());
            mid.copyFrom(new double[]{-1, -2, -3});
            assertArrayEquals(new double[]{0, 1, -1, -2, -3, 5, 6, 7}, a.toDoubleArray());
            try (DeviceArray twice = mid.mul(2.0).eval()) {
                assertArrayEquals(new double[]{-2, -4, -6}, twice.toDoubleArray());
            }
            MemorySegment seg = arena.allocate(ValueLayout.JAVA_DOUBLE, 8);
            a.copyTo(seg);
            assertEquals(-3.0, seg.getAtIndex(ValueLayout.JAVA_DOUBLE, 4));
            try (DeviceArray b = cpu.copyOf(seg, DType.FLOAT64)) {
                assertArrayEquals(a.toDoubleArray(), b.toDoubleArray());
            }
            assertThrows(IndexOutOfBoundsException.class, () -> a.slice(5, 9));
            assertThrows(IllegalArgumentException.class, () -> a.copyTo(arena.allocate(7)));
        }
    }

    @Test
    void aClosedArrayFailsClearly() {
        DeviceArray a = cpu.arange(3);
        a.close();
        a.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, a::toArray);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void callsWithTheWrongArgumentsNameTheParameter() {
        ElementwiseKernel k = ElementwiseKernel.create("float32 x, float32 y", "float32 z", "z = x + y", "add");
        try (DeviceArray f = cpu.copyOf(new float[]{1, 2}); DeviceArray d = cpu.copyOf(new double[]{1, 2});
             DeviceArray f3 = cpu.copyOf(new float[]{1, 2, 3})) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> k.apply(f, d)).getMessage().contains("'y' is float32"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> k.apply(f, f3)).getMessage().contains("every array of a call has the same length"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> k.apply(f)).getMessage().contains("takes 2 arguments"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> k.apply(1.0, 2.0)).getMessage().contains("at least one DeviceArray"));
            assertArrayEquals(new float[]{1.5f, 2.5f}, k.apply(f, 0.5).toFloatArray(), "a number is a scalar input");
        }
        assertThrows(IllegalArgumentException.class, () -> ElementwiseKernel.create("", "float32 y", "y = 1", "bad name"));
    }

    @Test
    void reductionKernelsHaveMapReduceIdentityAndPostMap() {
        ReductionKernel l2 = ReductionKernel.create("float32 x", "float32 y", "x * x", "a + b", "y = sqrt(a)", "0", "l2norm");
        try (DeviceArray x = cpu.copyOf(new float[]{3, 4})) {
            assertEquals(5.0f, l2.apply(x));
        }
        ReductionKernel argmaxLike = ReductionKernel.create("int32 x", "int32 y", "x", "max(a, b)", null, "-2147483648", "imax");
        try (DeviceArray x = cpu.copyOf(new int[]{-5, 7, 2})) {
            assertEquals(7, argmaxLike.apply(x));
        }
        try (DeviceArray x = cpu.allocate(DType.INT32, 0)) {
            assertEquals(Integer.MIN_VALUE, argmaxLike.apply(x), "an empty reduction is the identity");
        }
    }
}
