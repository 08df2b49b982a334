package io.tandem.process;

import io.tandem.test.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shared memory between real processes, without the pool: child JVMs started here receive encoded
 * handles, attach, and work on the same memory as this JVM.
 */
class SharedMemoryCrossProcessTest {
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path logs;

    /** Seed 004: four processes each add 1 a hundred times under {@code counter.get_lock()}: exactly 400. */
    @Test
    void seedCounter_fourProcessesIncrementUnderTheLock_endsAtExactly400() throws Exception {
        Codec codec = Codecs.fory();
        try (SharedLong counter = SharedLong.create(0)) {
            runChildren(4, "locked-increments", codec.id(), "100", SharedCounterChild.encode(codec, counter));
            assertEquals(400, counter.get());
            assertFalse(counter.lock().isLocked());
        }
    }

    @Test
    void atomicIncrementsFromFourProcesses_total400k() throws Exception {
        Codec codec = Codecs.java();
        try (SharedLong counter = SharedLong.create(0)) {
            runChildren(4, "atomic-increments", codec.id(), "100000", SharedCounterChild.encode(codec, counter));
            assertEquals(400_000, counter.get());
        }
    }

    @Test
    void childAttachesMemoryAndArrays_itsWritesAreSeenHere() throws Exception {
        Codec codec = Codecs.java();
        try (SharedMemory memory = SharedMemory.create(64);
             SharedIntArray ints = SharedArray.ofInts(5);
             SharedDoubleArray doubles = SharedArray.ofDoubles(3)) {
            runChildren(1, "touch-all", codec.id(), SharedCounterChild.encode(codec, memory),
                    SharedCounterChild.encode(codec, ints), SharedCounterChild.encode(codec, doubles));
            assertEquals(42, memory.segment().get(ValueLayout.JAVA_INT, 0));
            assertArrayEquals(new int[]{0, 1, 2, 3, 4}, ints.toArray());
            assertArrayEquals(new double[]{0.5, 0.5, 0.5}, doubles.toArray());
        }
    }

    /**
     * The unified design: every kind of view travels as a handle to the same segment, and this process and
     * a child update each view at the same time; no update is lost through any of them.
     */
    @Test
    void everyViewOverOneSegment_fromTwoProcesses() throws Exception {
        Codec codec = Codecs.fory();
        int n = 20_000;
        try (SharedMemory memory = SharedMemory.create(24); SharedLock lock = SharedLock.create();
             SharedLong l = SharedLong.create(10); SharedDouble d = SharedDouble.create(1.5);
             SharedLongArray longs = SharedArray.ofLongs(2); SharedIntArray ints = SharedArray.ofInts(3);
             SharedDoubleArray doubles = SharedArray.ofDoubles(1)) {
            memory.segment().set(ValueLayout.JAVA_INT, 0, 7);
            longs.set(0, 1);
            longs.set(1, 2);
            for (int i = 0; i < 3; i++) {
                ints.set(i, 3 + i);
            }
            doubles.set(0, 0.25);
            try (ChildJvm child = ChildJvm.start(logs, "every-view", codec.id(), String.valueOf(n),
                    SharedCounterChild.encode(codec, memory), SharedCounterChild.encode(codec, lock),
                    SharedCounterChild.encode(codec, l), SharedCounterChild.encode(codec, d),
                    SharedCounterChild.encode(codec, longs), SharedCounterChild.encode(codec, ints),
                    SharedCounterChild.encode(codec, doubles))) {
                var raw = memory.segment();
                Await.await("the child checked the values set here",
                        () -> raw.get(ValueLayout.JAVA_INT, 0) == 8 || !child.process().isAlive());
                var counter = ValueLayout.JAVA_LONG.varHandle();
                for (int i = 0; i < n; i++) {
                    counter.getAndAdd(raw, 8L, 1L);
                    try (SharedLock.Held held = lock.acquire()) {
                        raw.set(ValueLayout.JAVA_LONG, 16, raw.get(ValueLayout.JAVA_LONG, 16) + 1);
                    }
                    l.incrementAndGet();
                    d.addAndGet(1);
                    longs.incrementAndGet(i % 2);
                    ints.incrementAndGet(i % 3);
                    doubles.addAndGet(0, 1);
                }
                child.assertSucceeds(CHILD_TIMEOUT);
            }
            assertEquals(2L * n, memory.segment().get(ValueLayout.JAVA_LONG, 8), "atomic adds on the raw memory");
            assertEquals(2L * n, memory.segment().get(ValueLayout.JAVA_LONG, 16), "plain adds under the shared lock");
            assertEquals(10 + 2L * n, l.get());
            assertEquals(1.5 + 2.0 * n, d.get());
            assertArrayEquals(new long[]{1 + n, 2 + n}, longs.toArray());
            // of 0..n-1, (n + 2) / 3 fall on index 0, (n + 1) / 3 on 1, n / 3 on 2; both processes add them
            assertArrayEquals(new int[]{3 + 2 * ((n + 2) / 3), 4 + 2 * ((n + 1) / 3), 5 + 2 * (n / 3)}, ints.toArray());
            assertEquals(0.25 + 2.0 * n, doubles.get(0));
            assertFalse(lock.isLocked());
        }
    }

    @Test
    void holderKilledWithSigkill_anotherProcessTakesTheLockOver() throws Exception {
        Codec codec = Codecs.java();
        try (SharedLock lock = SharedLock.create();
             ChildJvm holder = ChildJvm.start(logs, "hold-lock", codec.id(), SharedCounterChild.encode(codec, lock))) {
            Await.await("child " + holder.pid() + " holds the lock",
                    () -> lock.holderPid().equals(OptionalLong.of(holder.pid())) || !holder.process().isAlive());
            assertTrue(holder.process().isAlive(), () -> "child died before locking:\n" + holder.output());
            assertFalse(lock.tryLock(Duration.ofMillis(20)), "the live holder keeps the lock");

            holder.process().destroyForcibly().waitFor();
            assertFalse(lock.tryLock(), "tryLock() never takes over");
            assertTrue(lock.tryLock(Duration.ofSeconds(30)), "a waiter takes the lock over from the dead holder");
            assertTrue(lock.isHeldByCurrentThread());
            lock.unlock();
            assertFalse(lock.isLocked());
        }
    }

    private void runChildren(int n, String... args) throws Exception {
        List<ChildJvm> children = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                children.add(ChildJvm.start(logs, args));
            }
            for (ChildJvm c : children) {
                c.assertSucceeds(CHILD_TIMEOUT);
            }
        } finally {
            ChildJvm.closeAll(children);
        }
    }
}
