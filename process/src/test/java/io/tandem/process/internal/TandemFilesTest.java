package io.tandem.process.internal;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
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
    void tagCarriesThisJvmsStartAndNamespace_whereProcTellsThem() {
        String expected = ProcessIdentity.self()
                .map(me -> "tandem-" + PID + "-" + Long.toString(me.start(), 36) + "." + Long.toString(me.namespace(), 36) + "-")
                .orElse(TandemFiles.prefix());
        assertEquals(expected, TandemFiles.tag());
        ProcessIdentity.self().ifPresent(me -> assertEquals(Optional.of(new TandemFiles.Tag(PID, me.start(), me.namespace())),
                TandemFiles.tagOf(Path.of("/dev/shm", TandemFiles.tag() + "7f3a"))));
    }

    @Test
    void tagOfReadsTaggedNamesOnly() {
        assertEquals(Optional.of(new TandemFiles.Tag(12, 36 * 36 + 35, 67)), TandemFiles.tagOf(Path.of("/tmp/tandem-12-10z.1v-pool-1-9")));
        for (String name : List.of("tandem-12-7f3a", "tandem-12-process-1-9", "tandem-12-345.67-", "tandem-12-345.67",
                "tandem-12-345-pool", "tandem-x-345.67-a", "tandem-12-345.67-a/b", "other-12-345.67-a", "tandem-12-3A5.67-a",
                "tandem-99999999999999999999-1.2-a", "tandem-12-zzzzzzzzzzzzz.1-a", "/")) {
            assertEquals(Optional.empty(), TandemFiles.tagOf(Path.of(name)), name);
        }
    }

    @Test
    void anyPoolNameMakesAShortSafeDirectoryName() throws Exception {
        Path dir = TandemFiles.createPrivateTempDirectory("a/b c:" + "x".repeat(200));
        try {
            String name = dir.getFileName().toString();
            assertTrue(name.matches("\\Q" + TandemFiles.tag() + "\\Ea_b_c_xxxxxx-[0-9a-f]{8}"), name);
            assertTrue(TandemFiles.tagOf(dir).isPresent() || ProcessIdentity.self().isEmpty(), name);
        } finally {
            Files.delete(dir);
        }
    }

    @Test
    void privateTempDirectoryIsNamedAfterThisJvmAndOwnerOnly() throws Exception {
        Path dir = TandemFiles.createPrivateTempDirectory("pool");
        try {
            assertTrue(dir.getFileName().toString().startsWith(TandemFiles.tag() + "pool-"), dir.toString());
            assertEquals(OptionalLong.of(PID), TandemFiles.creatorPid(dir));
            if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
            }
        } finally {
            Files.delete(dir);
        }
    }
}
