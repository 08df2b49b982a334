package io.tandem.process;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharedLongTest {
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
    void longOperations_behaveLikeAtomicLong() {
        try (SharedLong v = SharedLong.create(5)) {
            assertEquals(5, v.get());
            v.set(7);
            assertEquals(7, v.getAndSet(1));
            assertEquals(1, v.getAndAdd(10));
            assertEquals(21, v.addAndGet(10));
            assertEquals(22, v.incrementAndGet());
            assertEquals(21, v.decrementAndGet());
            assertFalse(v.compareAndSet(0, 3));
            assertTrue(v.compareAndSet(21, 3));
            assertEquals(3, v.getAndUpdate(x -> x * 2));
            assertEquals(12, v.updateAndGet(x -> x * 2));
            assertEquals(Long.MIN_VALUE, v.addAndGet(Long.MAX_VALUE - 12 + 1), "wraps like AtomicLong");
        }
    }

    @Test
    void doubleOperations() {
        try (SharedDouble d = SharedDouble.create(1.5)) {
            assertEquals(1.5, d.get());
            assertEquals(4.0, d.addAndGet(2.5));
            assertEquals(4.0, d.getAndAdd(-1));
            assertEquals(3.0, d.getAndSet(-0.0));
            assertFalse(d.compareAndSet(0.0, 1), "compares bits: 0.0 is not -0.0");
            assertTrue(d.compareAndSet(-0.0, Double.NaN));
            assertTrue(d.compareAndSet(Double.NaN, 2), "compares bits: NaN matches NaN");
            assertEquals(2.0, d.getAndUpdate(x -> x * x));
            assertEquals(5.0, d.updateAndGet(x -> x + 1));
        }
    }

    @Test
    void createdFileIsPrivateAndTheOwnerCloseDeletesIt() throws Exception {
        Path path;
        try (SharedLong v = SharedLong.create(0)) {
            path = v.path();
            assertTrue(Files.exists(path));
            assertTrue(path.getFileName().toString().startsWith("tandem-" + ProcessHandle.current().pid() + "-"));
            if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
            }
        }
        assertFalse(Files.exists(path));
    }

    @Test
    void useAfterClose_throwsIllegalStateNamingTheObject_andCloseIsIdempotent() {
        SharedLong v = SharedLong.create(1);
        SharedLock lock = v.lock();
        v.close();
        v.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, v::get);
        assertTrue(e.getMessage().contains("SharedLong[" + v.path() + "] is closed"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> v.set(2));
        assertThrows(IllegalStateException.class, v::incrementAndGet);
        assertThrows(IllegalStateException.class, () -> v.compareAndSet(1, 2));
        assertThrows(IllegalStateException.class, v::lock);
        assertThrows(IllegalStateException.class, lock::lock, "the value's lock closes with it");

        SharedDouble d = SharedDouble.create(1);
        d.close();
        assertThrows(IllegalStateException.class, d::get);
        assertThrows(IllegalStateException.class, () -> d.addAndGet(1));
    }

    @Test
    void lockLivesBesideTheValue_andClosingItDoesNotCloseTheValue() {
        try (SharedLong v = SharedLong.create(0)) {
            SharedLock lock = v.lock();
            assertSame(lock, v.lock());
            assertEquals(v.path(), lock.path());
            try (SharedLock.Held held = lock.acquire()) {
                v.set(v.get() + 1);
            }
            lock.close();
            assertEquals(2, v.incrementAndGet(), "still usable");
            assertFalse(lock.isLocked());
        }
    }

    @Test
    void nullFunctions_areRejected() {
        try (SharedLong v = SharedLong.create(0); SharedDouble d = SharedDouble.create(0)) {
            assertThrows(NullPointerException.class, () -> v.getAndUpdate(null));
            assertThrows(NullPointerException.class, () -> v.updateAndGet(null));
            assertThrows(NullPointerException.class, () -> d.getAndUpdate(null));
        }
    }
}
