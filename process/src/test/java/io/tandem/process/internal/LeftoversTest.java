package io.tandem.process.internal;

import io.tandem.process.SharedLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What a sweep removes and what it must never touch, on names fabricated the way Tandem writes them: a
 * live process's files (also when another process once had its pid), files of another pid namespace,
 * untagged names, other users' files, links, and directories that are not a pool's socket directory.
 */
class LeftoversTest {
    private ProcessIdentity me;
    private long dead;

    @BeforeEach
    void identities() throws Exception {
        assumeTrue(ProcessIdentity.self().isPresent(), "needs /proc to tell a live JVM from an ended one");
        me = ProcessIdentity.self().orElseThrow();
        Process gone = new ProcessBuilder("sh", "-c", "exit 0").start();
        assertTrue(gone.waitFor(30, TimeUnit.SECONDS));
        dead = gone.pid();
        assumeTrue(ProcessHandle.of(dead).isEmpty(), "pid " + dead + " was reused at once");
    }

    private String tag(long pid, long start, long namespace) {
        return "tandem-" + pid + "-" + Long.toString(start, 36) + "." + Long.toString(namespace, 36) + "-";
    }

    @Test
    void removesTheFilesOfEndedJvms_andOfJvmsWhosePidWasReused(@TempDir Path dir) throws Exception {
        Path deadSegment = Files.createFile(dir.resolve(tag(dead, 12345, me.namespace()) + "7f3a"));
        // this JVM's pid, but an earlier start: a JVM that had this pid before, now gone
        Path reusedPid = Files.createFile(dir.resolve(tag(me.pid(), me.start() - 1, me.namespace()) + "7f3a"));
        Path socketDir = Files.createDirectory(dir.resolve(tag(dead, 12345, me.namespace()) + "process-1-99"));
        boundThenAbandoned(socketDir.resolve(Leftovers.SOCKET));
        Path emptyDir = Files.createDirectory(dir.resolve(tag(dead, 12345, me.namespace()) + "pool-98"));

        assertEquals(Set.of(deadSegment, reusedPid, socketDir, emptyDir), Set.copyOf(Leftovers.sweep(List.of(dir))));
        try (var left = Files.list(dir)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void neverTouchesLiveOrUnjudgeableFiles(@TempDir Path dir) throws Exception {
        Path mine = Files.createFile(dir.resolve(TandemFiles.tag() + "7f3a"));
        Path otherNamespace = Files.createFile(dir.resolve(tag(dead, 12345, me.namespace() + 1) + "7f3a"));
        Path untagged = Files.createFile(dir.resolve(TandemFiles.prefix(dead) + "7f3a"));
        Path notOurs = Files.createFile(dir.resolve("other-" + tag(dead, 12345, me.namespace()).substring(7) + "7f3a"));
        Path target = Files.createFile(dir.resolve("target"));
        Path link = Files.createSymbolicLink(dir.resolve(tag(dead, 12345, me.namespace()) + "link"), target);
        Path crowded = Files.createDirectory(dir.resolve(tag(dead, 12345, me.namespace()) + "pool-97"));
        boundThenAbandoned(crowded.resolve(Leftovers.SOCKET));
        Files.createFile(crowded.resolve("notes.txt"));
        Path livePool = TandemFiles.createPrivateTempDirectory("live");
        try {
            assertEquals(List.of(), Leftovers.sweep(List.of(dir, livePool.getParent())).stream()
                    .filter(p -> p.startsWith(dir) || p.equals(livePool)).toList());
            for (Path p : List.of(mine, otherNamespace, untagged, notOurs, target, link, crowded, crowded.resolve(Leftovers.SOCKET), livePool)) {
                assertTrue(Files.exists(p, LinkOption.NOFOLLOW_LINKS), p + " survives");
            }
        } finally {
            Files.delete(livePool);
        }
    }

    @Test
    void leavesOtherUsersFiles(@TempDir Path dir) throws Exception {
        assumeTrue(me.uid() == 0, "only root can give a file to another user");
        Path theirs = Files.createFile(dir.resolve(tag(dead, 12345, me.namespace()) + "7f3a"));
        Files.setAttribute(theirs, "unix:uid", 65534);
        assertEquals(List.of(), Leftovers.sweep(List.of(dir)));
        assertTrue(Files.exists(theirs));
    }

    @Test
    void theFirstSharedObjectOfAJvmStartsItsSweep() throws Exception {
        try (SharedLong first = SharedLong.create(0)) {
            Leftovers.background().get(60, TimeUnit.SECONDS); // this JVM's one sweep ran (here or earlier)
            assertTrue(Files.exists(first.path()), "a sweep keeps this JVM's own files");
        }
    }

    @Test
    void identityTellsTheCreatorFromALaterProcessWithItsPid() {
        assertEquals(ProcessIdentity.Status.ALIVE, me.status(me.pid(), me.start(), me.namespace()));
        assertEquals(ProcessIdentity.Status.ENDED, me.status(me.pid(), me.start() + 1, me.namespace()));
        assertEquals(ProcessIdentity.Status.ENDED, me.status(dead, 12345, me.namespace()));
        assertEquals(ProcessIdentity.Status.UNKNOWN, me.status(dead, 12345, me.namespace() + 1));
    }

    /** A socket file whose listener is gone, as a killed pool leaves it. */
    private static void boundThenAbandoned(Path socket) throws IOException {
        try (ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            s.bind(UnixDomainSocketAddress.of(socket));
        }
        assertTrue(Files.exists(socket, LinkOption.NOFOLLOW_LINKS), "closing a listener leaves its socket file");
    }
}
