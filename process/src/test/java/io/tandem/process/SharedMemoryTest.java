package io.tandem.process;

import io.tandem.process.internal.SharedSegment;
import io.tandem.process.internal.TandemFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The raw segment, and what every shared type shares: owner/attachment lifecycle and travelling through
 * both codecs as a handle. Decoding in this JVM attaches a second mapping of the same file, exactly as a
 * worker process would.
 */
class SharedMemoryTest {
    /** Two Fory instances, as in a parent and a worker; shared by the tests because each costs seconds to build. */
    private static final Codec FORY_A = Codecs.fory();
    private static final Codec FORY_B = Codecs.fory();

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
    void rawSegment_isZeroFilledReadWriteAndSized() {
        try (SharedMemory shm = SharedMemory.create(100)) {
            assertEquals(100, shm.size());
            assertTrue(shm.isOwner());
            MemorySegment seg = shm.segment();
            assertEquals(100, seg.byteSize());
            assertEquals(0, seg.get(ValueLayout.JAVA_LONG, 0));
            seg.set(ValueLayout.JAVA_INT, 96, 7);
            assertEquals(7, seg.get(ValueLayout.JAVA_INT, 96));
            assertTrue(shm.path().startsWith(SharedSegment.directory()));
        }
    }

    @Test
    void badSizes_areRejected() {
        assertThrows(IllegalArgumentException.class, () -> SharedMemory.create(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SharedMemory.create(-5));
        assertTrue(e.getMessage().contains("-5"), e.getMessage());
        assertThrows(NullPointerException.class, () -> SharedMemory.attach(null));
    }

    @Test
    void attach_seesTheOwnersWrites_andItsCloseOnlyUnmaps() {
        try (SharedMemory owner = SharedMemory.create(16)) {
            try (SharedMemory copy = SharedMemory.attach(owner.path())) {
                assertFalse(copy.isOwner());
                owner.segment().set(ValueLayout.JAVA_LONG, 8, 99);
                assertEquals(99, copy.segment().get(ValueLayout.JAVA_LONG, 8));
            }
            assertTrue(Files.exists(owner.path()));
            assertEquals(99, owner.segment().get(ValueLayout.JAVA_LONG, 8));
        }
    }

    @Test
    void ownerClose_deletesTheFile_laterUseAndAttachFailNamingThePath() {
        SharedMemory owner = SharedMemory.create(8);
        Path path = owner.path();
        MemorySegment seg = owner.segment();
        owner.close();
        owner.close();
        assertFalse(Files.exists(path));
        assertThrows(IllegalStateException.class, owner::segment);
        assertThrows(IllegalStateException.class, () -> seg.get(ValueLayout.JAVA_LONG, 0), "the mapping is gone");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SharedMemory.attach(path));
        assertTrue(e.getMessage().contains(path.toString()) && e.getMessage().contains("the owner closed it"), e.getMessage());
    }

    @Test
    void attachingTheWrongFile_isRejected() throws Exception {
        Path empty = Files.createTempFile("not-shared", ".bin");
        try {
            assertThrows(IllegalArgumentException.class, () -> SharedMemory.attach(empty));
        } finally {
            Files.delete(empty);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fory", "java"})
    void everyTypeTravelsAsAHandle_andAttachesTheSameMemory(String codecId) {
        Codec encoder = codecId.equals("fory") ? FORY_A : Codecs.java();
        Codec decoder = codecId.equals("fory") ? FORY_B : Codecs.java(); // another Fory instance, as in a worker
        try (SharedLong l = SharedLong.create(1); SharedDouble d = SharedDouble.create(2.5);
             SharedLock lock = SharedLock.create(); SharedMemory raw = SharedMemory.create(24);
             SharedLongArray la = SharedArray.ofLongs(3); SharedIntArray ia = SharedArray.ofInts(5);
             SharedDoubleArray da = SharedArray.ofDoubles(2)) {
            byte[] bytes = encoder.encode(l);
            assertTrue(bytes.length < 400, "a handle, not memory: " + bytes.length + " bytes");
            try (SharedLong l2 = (SharedLong) decoder.decode(bytes);
                 SharedDouble d2 = (SharedDouble) decoder.decode(encoder.encode(d));
                 SharedLock lock2 = (SharedLock) decoder.decode(encoder.encode(lock));
                 SharedLock valueLock2 = (SharedLock) decoder.decode(encoder.encode(l.lock()));
                 SharedMemory raw2 = (SharedMemory) decoder.decode(encoder.encode(raw));
                 SharedLongArray la2 = (SharedLongArray) decoder.decode(encoder.encode(la));
                 SharedIntArray ia2 = (SharedIntArray) decoder.decode(encoder.encode(ia));
                 SharedDoubleArray da2 = (SharedDoubleArray) decoder.decode(encoder.encode(da))) {
                assertNotSame(l, l2);
                assertEquals(2, l2.incrementAndGet());
                assertEquals(2, l.get());
                assertEquals(3.5, d2.addAndGet(1));
                assertEquals(3.5, d.get());
                lock2.lock();
                assertTrue(lock.isLocked());
                lock2.unlock();
                try (SharedLock.Held held = valueLock2.acquire()) {
                    assertTrue(l.lock().isLocked(), "the decoded value lock is the same lock");
                }
                assertFalse(raw2.isOwner());
                assertEquals(24, raw2.size());
                raw.segment().set(ValueLayout.JAVA_INT, 20, 5);
                assertEquals(5, raw2.segment().get(ValueLayout.JAVA_INT, 20));
                assertEquals(3, la2.length());
                la2.set(2, 8);
                assertEquals(8, la.get(2));
                assertEquals(5, ia2.length());
                ia2.incrementAndGet(4);
                assertEquals(1, ia.get(4));
                da2.addAndGet(1, 0.25);
                assertEquals(0.25, da.get(1));
            }
            assertEquals(2, l.get(), "closing a copy leaves the owner working");
        }
    }

    @Test
    void decodingTheSameHandleTwice_sharesOneMapping_releasedWhenTheLastCopyCloses() {
        Codec codec = Codecs.java();
        try (SharedLong owner = SharedLong.create(0)) {
            byte[] handle = codec.encode(owner);
            int before = SharedSegment.attachedFiles();
            SharedLong a = (SharedLong) codec.decode(handle);
            SharedLong b = (SharedLong) FORY_B.decode(FORY_A.encode(owner));
            assertEquals(before + 1, SharedSegment.attachedFiles());
            a.close();
            assertThrows(IllegalStateException.class, a::get);
            assertEquals(1, b.incrementAndGet(), "the other copy still works");
            assertEquals(before + 1, SharedSegment.attachedFiles());
            b.close();
            assertEquals(before, SharedSegment.attachedFiles());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fory", "java"})
    void decodingAfterTheOwnerClosed_failsNamingThePath(String codecId) {
        Codec codec = codecId.equals("fory") ? FORY_A : Codecs.java();
        SharedLong owner = SharedLong.create(0);
        byte[] handle = codec.encode(owner);
        Path path = owner.path();
        owner.close();
        CodecException e = assertThrows(CodecException.class, () -> codec.decode(handle));
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof IllegalStateException)) {
            cause = cause.getCause();
        }
        assertInstanceOf(IllegalStateException.class, cause, () -> "cause chain of " + e);
        assertTrue(cause.getMessage().contains(path + " no longer exists; the owner closed it"), cause.getMessage());
    }

    /**
     * One base, typed views: every typed object is a lock word then its elements over one segment, so a
     * raw view attached to its file reads what the typed view wrote, where the layout says.
     */
    @Test
    void typedViewsAreALockWordThenElements_readableThroughARawView() {
        try (SharedLong l = SharedLong.create(-3); SharedDouble d = SharedDouble.create(0.5);
             SharedLongArray la = SharedArray.ofLongs(2); SharedIntArray ia = SharedArray.ofInts(3);
             SharedDoubleArray da = SharedArray.ofDoubles(2)) {
            la.set(1, 11);
            ia.set(2, 12);
            da.set(1, 13.5);
            try (SharedMemory rl = SharedMemory.attach(l.path()); SharedMemory rd = SharedMemory.attach(d.path());
                 SharedMemory rla = SharedMemory.attach(la.path()); SharedMemory ria = SharedMemory.attach(ia.path());
                 SharedMemory rda = SharedMemory.attach(da.path())) {
                assertEquals(16, rl.size(), "lock word + one long");
                assertEquals(-3, rl.segment().get(ValueLayout.JAVA_LONG, 8));
                assertEquals(0.5, rd.segment().get(ValueLayout.JAVA_DOUBLE, 8));
                assertEquals(11, rla.segment().get(ValueLayout.JAVA_LONG, 8 + 8));
                assertEquals(12, ria.segment().get(ValueLayout.JAVA_INT, 8 + 2 * 4));
                assertEquals(24, ria.size(), "8 + 3 * 4 rounded up to 8");
                assertEquals(13.5, rda.segment().get(ValueLayout.JAVA_DOUBLE, 8 + 8));
                assertEquals(0, rl.segment().get(ValueLayout.JAVA_LONG, 0), "the lock word is free");
                try (SharedLock.Held held = l.lock().acquire()) {
                    assertEquals(ProcessHandle.current().pid(), rl.segment().get(ValueLayout.JAVA_LONG, 0) >>> 32,
                            "the held lock word names this process");
                }
                rla.segment().set(ValueLayout.JAVA_LONG, 8, 99);
                assertEquals(99, la.get(0), "a write through the raw view is seen by the typed one");
            }
        }
    }

    @Test
    void everyViewNamesItsTypeSizeAndFile() {
        try (SharedMemory m = SharedMemory.create(24); SharedLong l = SharedLong.create(0);
             SharedIntArray ia = SharedArray.ofInts(3)) {
            assertEquals("SharedMemory[24 bytes, " + m.path() + "]", m.toString());
            assertEquals("SharedLong[" + l.path() + "]", l.toString());
            assertEquals("SharedLock[" + l.path() + "]", l.lock().toString());
            assertEquals("SharedIntArray[3, " + ia.path() + "]", ia.toString());
        }
    }

    @Test
    void fileNamesCarryTheCreatingPid() {
        try (SharedMemory m = SharedMemory.create(8); SharedLock lock = SharedLock.create()) {
            for (Path p : List.of(m.path(), lock.path())) {
                assertTrue(p.getFileName().toString().startsWith("tandem-" + ProcessHandle.current().pid() + "-"), p.toString());
                assertEquals(OptionalLong.of(ProcessHandle.current().pid()), TandemFiles.creatorPid(p));
            }
        }
    }
}
