package io.tandem.process.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/*
 * One mapping of one shared-memory file into this process.
 *
 * Files live in /dev/shm (tmpfs: never written to disk) when it exists, else in the temp dir; the
 * directory can be forced with -Dtandem.shm.dir. Names are tandem-<pid>-<start>.<namespace>-<random>
 * (TandemFiles: the creator's pid and identity tell a leak check whose file it is, and Leftovers whether its
 * creator still runs), created atomically with owner-only permissions (0600), so a name cannot be hijacked
 * and other users cannot attach.
 *
 * The creator (owner) holds its own mapping; closing it unlinks the file and unmaps. Every other mapping
 * is an attachment, shared through a per-process registry keyed by path and reference counted, so
 * decoding the same handle twice maps the file once; the last release unmaps. Unlinking does not
 * disturb existing mappings: processes still attached keep working on the memory, which the kernel
 * frees when the last mapping goes. Owners that are never closed are unlinked by a shutdown hook;
 * attachments need nothing at exit (the kernel unmaps). A JVM killed with SIGKILL runs no hook: its files
 * stay until the first pool or owner created in a later JVM sweeps them (Leftovers).
 *
 * Why a named file, not anonymous memory unlinked at once (memfd_create, or unlink right after open): a
 * handle travels as a path and is decoded whenever a task arrives, in workers started later, and
 * SharedMemory.attach(path) is public, for any process of the user. A file unlinked while the owner lives
 * could only be reached through /proc/<owner>/fd/<n>: Linux only, subject to ptrace access checks, and
 * not the path that path() shows. So the file lives exactly as long as its owner object, and the sweep
 * covers the one case no code in the owner can: its JVM being killed.
 */
final class Mapping {
    private static final Set<Path> LIVE_OWNED = ConcurrentHashMap.newKeySet();
    private static final Map<Path, Mapping> ATTACHED = new HashMap<>(); // guarded by itself
    private static final Path DIR = directory();

    static {
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("tandem-shm-unlink").unstarted(() -> {
            for (Path p : LIVE_OWNED) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort at exit
                }
            }
        }));
    }

    final Path path;
    final MemorySegment segment;
    final boolean owner;
    private final Arena arena;
    private int refs = 1; // attachments only; guarded by ATTACHED

    private Mapping(Path path, Arena arena, MemorySegment segment, boolean owner) {
        this.path = path;
        this.arena = arena;
        this.segment = segment;
        this.owner = owner;
    }

    static Path directory() {
        String forced = System.getProperty("tandem.shm.dir");
        if (forced != null && !forced.isBlank()) {
            return Path.of(forced);
        }
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm)) {
            return shm;
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    static Path dir() {
        return DIR;
    }

    /** Creates a new zero-filled file of {@code bytes} bytes and maps it; the caller owns it. */
    static Mapping create(long bytes) {
        boolean posix = DIR.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attrs = posix
                ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        Leftovers.sweepInBackground();
        Path path;
        while (true) {
            path = DIR.resolve(TandemFiles.tag() + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1));
            try {
                Files.createFile(path, attrs);
                break;
            } catch (FileAlreadyExistsException retry) {
                // another name
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a shared-memory file in " + DIR + ": " + e.getMessage()
                        + " (set -Dtandem.shm.dir to a writable directory, ideally on tmpfs)", e);
            }
        }
        LIVE_OWNED.add(path);
        Arena arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            // mapping READ_WRITE past the end grows the file; tmpfs fills it with zeros
            MemorySegment seg = ch.map(FileChannel.MapMode.READ_WRITE, 0, bytes, arena);
            return new Mapping(path, arena, seg, true);
        } catch (IOException | RuntimeException e) {
            arena.close();
            LIVE_OWNED.remove(path);
            try {
                Files.deleteIfExists(path);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot map " + bytes + " bytes of shared memory at " + path + ": " + io, io);
            }
            throw (RuntimeException) e;
        }
    }

    /**
     * Maps an existing file (or takes another reference on this process's mapping of it). {@code minBytes}
     * is what the caller will access; a smaller file is not the object the caller expects.
     */
    static Mapping attach(Path path, long minBytes, String what) {
        Path key = path.toAbsolutePath().normalize();
        synchronized (ATTACHED) {
            Mapping m = ATTACHED.get(key);
            if (m != null) {
                m.refs++;
                return m;
            }
            Arena arena = Arena.ofShared();
            try (FileChannel ch = FileChannel.open(key, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                long size = ch.size();
                if (size < minBytes || size == 0) {
                    throw new IllegalArgumentException("cannot attach " + what + " at " + key + ": the file has " + size
                            + " bytes, a " + what + " needs " + Math.max(1, minBytes) + "; it is not the object the handle names");
                }
                m = new Mapping(key, arena, ch.map(FileChannel.MapMode.READ_WRITE, 0, size, arena), false);
                ATTACHED.put(key, m);
                return m;
            } catch (NoSuchFileException e) {
                arena.close();
                throw new IllegalStateException("cannot attach " + what + ": " + key
                        + " no longer exists; the owner closed it (or its process ended)", e);
            } catch (IOException e) {
                arena.close();
                throw new UncheckedIOException("cannot attach " + what + " at " + key + ": " + e, e);
            } catch (RuntimeException e) {
                arena.close();
                throw e;
            }
        }
    }

    /** The owner's release unlinks and unmaps; an attachment's last release unmaps. */
    void release() {
        if (owner) {
            LIVE_OWNED.remove(path);
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot unlink shared memory " + path + ": " + e, e);
            } finally {
                arena.close();
            }
            return;
        }
        synchronized (ATTACHED) {
            if (--refs > 0) {
                return;
            }
            ATTACHED.remove(path, this);
        }
        arena.close();
    }

    /** For tests: how many distinct files this process has attached. */
    static int attachedCount() {
        synchronized (ATTACHED) {
            return ATTACHED.size();
        }
    }
}
