package io.tandem.process;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import io.tandem.test.TestThreads;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharedArrayTest {
    private Set<Path> filesBefore;

    @BeforeEach
    void rememberFiles() {
        filesBefore = ShmFiles.ours();
    }

    @AfterEach
    void noFileLeftBehind() {
        assertEquals(filesBefore, ShmFiles.ours(), "shared-memory files left behind");
    }

    @Test
    void longArray() {
        try (SharedLongArray a = SharedArray.ofLongs(3)) {
            assertEquals(3, a.length());
            assertArrayEquals(new long[3], a.toArray(), "starts at zero");
            a.set(0, 5);
            assertEquals(5, a.getAndSet(0, 6));
            assertEquals(6, a.getAndAdd(0, 1));
            assertEquals(17, a.addAndGet(0, 10));
            assertEquals(1, a.incrementAndGet(2));
            assertFalse(a.compareAndSet(1, 9, 1));
            assertTrue(a.compareAndSet(1, 0, Long.MAX_VALUE));
            assertArrayEquals(new long[]{17, Long.MAX_VALUE, 1}, a.toArray());
        }
    }

    @Test
    void intArray_oddLengthsStayAligned() {
        try (SharedIntArray a = SharedArray.ofInts(3)) {
            a.set(2, Integer.MAX_VALUE);
            assertEquals(Integer.MIN_VALUE, a.incrementAndGet(2), "wraps like AtomicIntegerArray");
            assertEquals(0, a.getAndAdd(1, 4));
            assertEquals(8, a.addAndGet(1, 4));
            assertEquals(0, a.getAndSet(0, -1));
            assertTrue(a.compareAndSet(0, -1, 2));
            assertArrayEquals(new int[]{2, 8, Integer.MIN_VALUE}, a.toArray());
        }
    }

    @Test
    void doubleArray() {
        try (SharedDoubleArray a = SharedArray.ofDoubles(2)) {
            assertEquals(0.5, a.addAndGet(1, 0.5));
            assertEquals(0.5, a.getAndAdd(1, 0.25));
            assertEquals(0.0, a.getAndSet(0, 2));
            assertTrue(a.compareAndSet(0, 2, 3));
            assertFalse(a.compareAndSet(0, 2, 4));
            assertArrayEquals(new double[]{3, 0.75}, a.toArray());
        }
    }

    @Test
    void emptyArraysAreAllowed() {
        try (SharedLongArray a = SharedArray.ofLongs(0)) {
            assertEquals(0, a.toArray().length);
            assertThrows(IndexOutOfBoundsException.class, () -> a.get(0));
        }
    }

    @Test
    void negativeLength_isRejectedWithTheLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SharedArray.ofLongs(-1));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SharedArray.ofInts(-2));
        assertThrows(IllegalArgumentException.class, () -> SharedArray.ofDoubles(-3));
    }

    @Test
    void indexOutOfBounds_namesIndexAndLength() {
        try (SharedLongArray l = SharedArray.ofLongs(2); SharedIntArray i = SharedArray.ofInts(2);
             SharedDoubleArray d = SharedArray.ofDoubles(2)) {
            IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> l.get(2));
            assertTrue(e.getMessage().contains("index 2 out of bounds for length 2"), e.getMessage());
            assertThrows(IndexOutOfBoundsException.class, () -> l.set(-1, 0));
            assertThrows(IndexOutOfBoundsException.class, () -> i.incrementAndGet(2));
            assertThrows(IndexOutOfBoundsException.class, () -> d.addAndGet(5, 1));
        }
    }

    @Test
    void useAfterClose_throwsIllegalState() {
        SharedIntArray a = SharedArray.ofInts(1);
        a.close();
        a.close();
        assertThrows(IllegalStateException.class, () -> a.get(0));
        assertThrows(IllegalStateException.class, a::lock);
        assertThrows(IllegalStateException.class, a::toArray);
    }

    @Test
    void arrayLock_guardsWholeArrayUpdates() {
        try (SharedLongArray a = SharedArray.ofLongs(2)) {
            int threads = 4;
            int rounds = 2_000;
            // Each update reads both slots and writes them back one at a time; only mutual exclusion keeps
            // them equal between updates and loses no increment.
            TestThreads.run(threads, i -> {
                for (int r = 0; r < rounds; r++) {
                    try (SharedLock.Held held = a.lock().acquire()) {
                        long first = a.get(0);
                        long second = a.get(1);
                        assertEquals(first, second, "another holder's update was half done");
                        a.set(0, first + 1);
                        a.set(1, second + 1);
                    }
                }
            });
            assertEquals(threads * rounds, a.get(0));
            assertEquals(threads * rounds, a.get(1));
        }
    }
}
