package io.tandem.process;

import io.tandem.process.internal.SharedSegment;

import java.io.Serial;
import java.io.Serializable;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A raw block of memory shared between processes: Python's {@code multiprocessing.shared_memory.SharedMemory},
 * as a {@link MemorySegment} of the {@code java.lang.foreign} API. {@link SharedLong}, {@link SharedDouble},
 * {@link SharedArray} and {@link SharedLock} are typed views built the same way; use them unless you need
 * your own layout.
 * {@snippet :
 * try (SharedMemory shm = SharedMemory.create(1 << 20)) {
 *     MemorySegment bytes = shm.segment();
 *     bytes.set(ValueLayout.JAVA_INT, 0, 42);
 *     pool.submit(() -> shm.segment().get(ValueLayout.JAVA_INT, 0)); // the worker attaches the same memory
 * }
 * }
 *
 * <p><b>Backing.</b> A file in {@code /dev/shm} (memory, never written to disk) when it exists, else in the
 * temp dir ({@code -Dtandem.shm.dir} overrides), named {@code tandem-<pid>-<start>.<ns>-<random>} where
 * {@code <pid>} is the creating JVM's process id and, on Linux, {@code <start>} its start time in clock ticks
 * since boot and {@code <ns>} its pid namespace, both in base 36 (so a leftover file says whose it is, and
 * whether that JVM still runs, even once its pid has gone to another process), readable and writable by its
 * owner only, mapped read-write. It starts zero-filled. It is a named file, not memory unlinked at once, because a handle
 * is a path that any process of the user may attach at any later time (a replacement worker, a task
 * submitted later, {@link #attach(Path)}).
 *
 * <p><b>One segment, typed views.</b> Every shared type is a view over one such segment. {@link SharedLock}
 * is an 8-byte lock word; {@link SharedLong}, {@link SharedDouble} and the {@link SharedArray}s are a lock
 * word (their {@code lock()}) followed by their elements at offset 8, naturally aligned ({@code double}s as
 * their raw {@code long} bits); a {@code SharedMemory} is all yours. {@link #attach(Path)} on any shared
 * object's {@code path()} gives a raw view of the same bytes.
 *
 * <p><b>Passing to other processes.</b> Every shared type is {@link Serializable}: {@code writeReplace}
 * turns it into a small handle (kind, path, length) and decoding the handle, with {@link Codecs#java()} or
 * {@link Codecs#fory()}, attaches the same file in the receiving process. In one process, all decoded
 * copies of one file share a single mapping, which is unmapped when the last of them is closed (or when
 * the process exits).
 *
 * <p><b>Lifecycle.</b> The object returned by {@code create} is the <em>owner</em>. Its {@link #close()}
 * unmaps the memory and deletes the file, so nothing is left in {@code /dev/shm}; handles decoded after
 * that fail with an {@link IllegalStateException} that names the path and says the owner closed it.
 * Processes already attached keep working on the memory until they close their copy (the kernel frees it
 * when the last mapping goes). A copy's {@code close()} only unmaps. {@code close()} is idempotent; any
 * other use after it throws {@link IllegalStateException}. An owner that is never closed is deleted by a
 * shutdown hook when its JVM exits normally (also on {@code System.exit}, SIGTERM or SIGINT).
 *
 * <p><b>A killed JVM.</b> A JVM killed with SIGKILL (or one that crashes) runs no hook: its files stay in
 * {@code /dev/shm} (or the directory above), still usable by processes attached to them, until a later JVM
 * creates its first shared object or {@link ProcessPool} on the same machine. That JVM then removes, on a
 * background thread, every {@code tandem-*} file whose creator has ended: only tagged names (Linux, where
 * {@code /proc} tells the creator's start time), only the current user's, only in the creator's pid namespace,
 * and never a file of a process that still runs, even one that was given a dead creator's pid.
 * {@code -Dtandem.sweep=false} turns this off; worker JVMs never sweep.
 *
 * <p><b>Concurrency.</b> The object itself is thread-safe. The memory has no synchronization of its own:
 * use atomic access ({@link java.lang.foreign.ValueLayout#varHandle()} with {@code getVolatile},
 * {@code compareAndSet}, ...) or a {@link SharedLock}. Closing while another thread accesses the segment
 * makes that access fail with {@link IllegalStateException}, never crash the JVM. Null arguments, here
 * and in every shared type, throw {@link NullPointerException}.
 */
public final class SharedMemory extends SharedObject {
    @Serial
    private static final long serialVersionUID = 1L;

    SharedMemory(SharedSegment segment) {
        super(SharedKind.MEMORY, segment, segment.size());
    }

    /**
     * A new zero-filled shared segment of {@code bytes} bytes, owned by the caller.
     *
     * @throws IllegalArgumentException if {@code bytes} is not positive
     * @throws java.io.UncheckedIOException if the file cannot be created or mapped
     */
    public static SharedMemory create(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("shared memory size must be > 0 bytes, got " + bytes);
        }
        return new SharedMemory(SharedKind.MEMORY.newSegment(bytes));
    }

    /**
     * Attaches an existing shared-memory file (one that {@link #path()} named in another process). The
     * result is not the owner: its {@code close()} only unmaps.
     *
     * @throws IllegalStateException if the file no longer exists (its owner closed it)
     */
    public static SharedMemory attach(Path path) {
        Objects.requireNonNull(path, "path");
        return (SharedMemory) SharedKind.MEMORY.attach(path, 1);
    }

    /** The mapped memory; it becomes inaccessible when this object is closed. */
    public MemorySegment segment() {
        return memory();
    }

    /** The size in bytes. */
    public long size() {
        return sharedSegment().size();
    }

    /** Whether this object created the memory (and deletes it on close). */
    public boolean isOwner() {
        return sharedSegment().isOwner();
    }
}
