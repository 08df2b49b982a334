package io.tandem.process.internal;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every name Tandem creates says which JVM created it. */
class TandemFilesTest {
    private static final long PID = ProcessHandle.current().pid();

    @Test
    void prefixCarriesThePid() {
        assertEquals("tandem-" + PID + "-", TandemFiles.prefix());
        assertEquals("tandem-42-", TandemFiles.prefix(42));
    }

    @Test
    void creatorPidReadsTandemNamesOnly() {
        assertEquals(OptionalLong.of(1234), TandemFiles.creatorPid(Path.of("/dev/shm/tandem-1234-7f3a")));
        assertEquals(OptionalLong.of(1234), TandemFiles.creatorPid(Path.of("tandem-1234-pool-99")));
        assertEquals(OptionalLong.empty(), TandemFiles.creatorPid(Path.of("/tmp/tandem-pool-1")));
        assertEquals(OptionalLong.empty(), TandemFiles.creatorPid(Path.of("/tmp/other-1234-x")));
        assertEquals(OptionalLong.empty(), TandemFiles.creatorPid(Path.of("/tmp/tandem--x")));
        assertEquals(OptionalLong.empty(), TandemFiles.creatorPid(Path.of("/")));
    }

    @Test
    void privateTempDirectoryIsNamedAfterThisJvmAndOwnerOnly() throws Exception {
        Path dir = TandemFiles.createPrivateTempDirectory("pool");
        try {
            assertTrue(dir.getFileName().toString().startsWith("tandem-" + PID + "-pool-"), dir.toString());
            assertEquals(OptionalLong.of(PID), TandemFiles.creatorPid(dir));
            if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
            }
        } finally {
            Files.delete(dir);
        }
    }
}
