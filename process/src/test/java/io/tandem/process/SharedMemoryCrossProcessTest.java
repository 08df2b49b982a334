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
