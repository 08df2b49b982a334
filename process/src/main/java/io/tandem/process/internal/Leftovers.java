package io.tandem.process.internal;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/*
 * Removes what JVMs that ended without closing left behind: a JVM killed with SIGKILL (or crashed) runs no
 * shutdown hook, so its shared-memory files stay in /dev/shm and its pools' socket directories in the temp
 * dir, until reboot, and /dev/shm is memory. Its workers exit by themselves; its files need someone else.
 *
 * Who sweeps. The first pool or shared object created in a JVM starts one sweep, on a daemon platform
 * thread of its own (file I/O, never a virtual thread), so creating them does not wait for it. Worker JVMs
 * do not sweep (their parent does), and -Dtandem.sweep=false turns sweeping off.
 *
 * What goes. In the shared-memory directory and the temp dir, an entry goes only if all of these hold:
 *   - its name is tagged, tandem-<pid>-<start>.<namespace>-... (TandemFiles): made by a Tandem that recorded
 *     its creator's identity. Untagged names (older Tandem versions, systems without /proc) are never judged;
 *   - the creator has ENDED (ProcessIdentity): no process has the pid in this pid namespace, or the one that
 *     has it started at another time (the pid was reused). A live process's files are never touched, nor
 *     files from another pid namespace, nor any whose creator cannot be looked up;
 *   - it belongs to this user (its uid, read without following links);
 *   - it is a regular file (a segment), or a directory holding nothing but pool.sock and the workers'
 *     started-<pid> marks (StartedMark): a pool's socket directory. Links and anything else stay.
 * Two JVMs sweeping at once is harmless: whoever deletes an entry first wins, the other finds it gone.
 */
final class Leftovers {
    /** In a holder: the JDK's logging costs a fresh JVM ~7 ms to set up, and most runs never log here. */
    private static final class Log {
        static final System.Logger LOG = System.getLogger("io.tandem.process");
    }
    /** The socket's name in a pool's directory (WorkerListener). */
    static final String SOCKET = "pool.sock";
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static final CompletableFuture<List<Path>> BACKGROUND = new CompletableFuture<>();

    private Leftovers() {
    }

    /** Starts this JVM's one sweep of the default directories on a daemon thread, unless one started already. */
    static void sweepInBackground() {
        if ("false".equals(System.getProperty("tandem.sweep")) || Boolean.getBoolean("tandem.worker")
                || !STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread.ofPlatform().daemon(true).name("tandem-sweep").start(() -> {
            try {
                BACKGROUND.complete(sweep(directories()));
            } catch (RuntimeException | Error e) {
                BACKGROUND.completeExceptionally(e);
                throw e;
            }
        });
    }

    /** The background sweep's result: what it removed (never completes if none was started). For tests. */
    static CompletableFuture<List<Path>> background() {
        return BACKGROUND;
    }

    /** Where Tandem creates files: the shared-memory directory and the temp dir. */
    static Set<Path> directories() {
        Set<Path> dirs = new LinkedHashSet<>();
        dirs.add(Mapping.dir());
        dirs.add(Path.of(System.getProperty("java.io.tmpdir")));
        return dirs;
    }

    /** Removes the leftovers of ended JVMs in {@code dirs} (see the top of this file) and returns what it removed. */
    static List<Path> sweep(Collection<Path> dirs) {
        Optional<ProcessIdentity> self = ProcessIdentity.self();
        if (self.isEmpty()) {
            return List.of(); // no way to judge a pid here: leave everything
        }
        List<Path> removed = new ArrayList<>();
        for (Path dir : dirs) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "tandem-*")) {
                for (Path p : entries) {
                    try {
                        if (removeIfLeftOver(p, self.get())) {
                            removed.add(p);
                        }
                    } catch (IOException | RuntimeException e) {
                        Log.LOG.log(System.Logger.Level.DEBUG, () -> "not removing " + p + ": " + e);
                    }
                }
            } catch (NoSuchFileException absent) {
                // no such directory here: nothing of ours in it
            } catch (IOException | RuntimeException e) {
                Log.LOG.log(System.Logger.Level.DEBUG, () -> "cannot look for leftovers in " + dir + ": " + e);
            }
        }
        return removed;
    }

    private static boolean removeIfLeftOver(Path p, ProcessIdentity self) throws IOException {
        Optional<TandemFiles.Tag> tag = TandemFiles.tagOf(p);
        if (tag.isEmpty()) {
            return false;
        }
        TandemFiles.Tag t = tag.get();
        if (self.status(t.pid(), t.start(), t.namespace()) != ProcessIdentity.Status.ENDED) {
            return false;
        }
        Map<String, Object> a = Files.readAttributes(p, "unix:uid,isRegularFile,isDirectory", LinkOption.NOFOLLOW_LINKS);
        if ((Integer) a.get("uid") != self.uid()) {
            return false;
        }
        boolean gone;
        if ((Boolean) a.get("isRegularFile")) {
            gone = Files.deleteIfExists(p);
        } else if ((Boolean) a.get("isDirectory")) {
            gone = removeSocketDirectory(p, self.uid());
        } else {
            return false;
        }
        if (gone) {
            Log.LOG.log(System.Logger.Level.DEBUG, () -> "removed " + p + ", left by process " + t.pid() + ", which ended without closing it");
        }
        return gone;
    }

    /** Removes a pool's socket directory if it holds nothing but this user's socket and started marks (or nothing). */
    private static boolean removeSocketDirectory(Path dir, int uid) throws IOException {
        List<Path> inside = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path e : entries) {
                Map<String, Object> a = Files.readAttributes(e, "unix:uid,isOther,isRegularFile", LinkOption.NOFOLLOW_LINKS);
                String name = e.getFileName().toString();
                boolean socket = name.equals(SOCKET) && ((Boolean) a.get("isOther") || (Boolean) a.get("isRegularFile"));
                boolean mark = name.startsWith(StartedMark.PREFIX) && (Boolean) a.get("isRegularFile");
                if (!(socket || mark) || (Integer) a.get("uid") != uid) {
                    return false; // not a pool's directory as Tandem leaves it
                }
                inside.add(e);
            }
        } catch (NoSuchFileException goneMeanwhile) {
            return false;
        }
        for (Path e : inside) {
            Files.deleteIfExists(e);
        }
        try {
            return Files.deleteIfExists(dir);
        } catch (DirectoryNotEmptyException e) {
            return false;
        }
    }
}
