package io.tandem.test;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files and directories Tandem names {@code tandem-*}: shared-memory segments ({@code tandem-<pid>-<random>}
 * in {@code /dev/shm}, or the temp dir, or {@code -Dtandem.shm.dir}) and process pools' private socket
 * directories ({@code tandem-<pool>-<random>} in {@code java.io.tmpdir}, soon {@code tandem-<pid>-...}).
 * The hygiene check compares snapshots before and after a test, and blames a new name only when {@link #ours}
 * can tell it belongs to this JVM, so other builds running tests on the same machine (which share
 * {@code /tmp} and {@code /dev/shm}) are never blamed. Listing costs well under a millisecond; safe from any thread.
 */
final class TandemFiles {
    private static final Pattern PID_TAGGED = Pattern.compile("tandem-(\\d+)-.*");

    private TandemFiles() {
    }

    /** Where shared-memory segments go: {@code -Dtandem.shm.dir}, else {@code /dev/shm} if writable, else the temp dir. */
    static Path sharedMemoryDirectory() {
        String forced = System.getProperty("tandem.shm.dir");
        if (forced != null && !forced.isBlank()) {
            return Path.of(forced);
        }
        Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** The directories Tandem creates its files in. */
    static Set<Path> directories() {
        Set<Path> dirs = new LinkedHashSet<>();
        dirs.add(sharedMemoryDirectory());
        dirs.add(Path.of(System.getProperty("java.io.tmpdir")));
        return dirs;
    }

    /** Every {@code tandem-*} entry in {@link #directories()} now. */
    static Set<Path> snapshot() {
        Set<Path> out = new HashSet<>();
        for (Path dir : directories()) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "tandem-*")) {
                for (Path p : entries) {
                    out.add(p);
                }
            } catch (NoSuchFileException absent) {
                // no /dev/shm here, or the forced directory is gone: nothing of ours can be in it
            } catch (IOException e) {
                throw new IllegalStateException("cannot list " + dir + " for the leaked-file check: " + e, e);
            }
        }
        return out;
    }

    /**
     * Whether {@code p}, which appeared during the test, was made by this JVM or one of the processes in
     * {@code descendants} (every pid this JVM has seen among its descendants). A pid-tagged name says so itself. An untagged name counts only if it is a pool's
     * socket directory (it holds {@code pool.sock}) and that socket is either bound by one of ours or by
     * nobody (a pool that was closed without deleting it); a socket another process is listening on is that
     * process's live pool, which other builds on the same machine create at any time.
     */
    static boolean ours(Path p, Set<Long> descendants) {
        long self = ProcessHandle.current().pid();
        Matcher m = PID_TAGGED.matcher(p.getFileName().toString());
        if (m.matches()) {
            try {
                long pid = Long.parseLong(m.group(1));
                return pid == self || descendants.contains(pid);
            } catch (NumberFormatException tooLong) {
                return false;
            }
        }
        Path socket = p.resolve("pool.sock");
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        Set<String> bound = UnixSockets.inodesBoundAt(socket);
        if (bound == null || bound.isEmpty()) {
            return true; // no /proc here, or nobody listens: a leftover of a pool that appeared during the test
        }
        // live processes only: a pid seen earlier may belong to someone else by now
        Set<Long> pids = new HashSet<>();
        pids.add(self);
        ProcessHandle.current().descendants().forEach(h -> pids.add(h.pid()));
        for (long pid : pids) {
            for (String inode : UnixSockets.socketInodesHeldBy(pid)) {
                if (bound.contains(inode)) {
                    return true;
                }
            }
        }
        return false;
    }
}
