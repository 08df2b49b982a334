package io.tandem.process.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/*
 * Who a process id names, on Linux: a pid alone does not say it, because the kernel hands a dead
 * process's pid to a later one, and a container sharing /dev/shm or /tmp numbers its processes in a pid
 * namespace of its own. So Tandem's file names carry, beside the pid, the creator's start time and pid
 * namespace, read here from /proc:
 *
 *   start     field 22 of /proc/<pid>/stat: clock ticks from boot to the process's start. It never changes
 *             for the life of a process, unlike ProcessHandle.Info.startInstant(), which the JDK computes
 *             from the boot time in wall-clock terms and which moves when the clock is set (NTP steps,
 *             a resumed VM): compared across JVMs it could call a live process a stranger.
 *   namespace the inode of /proc/self/ns/pid. A file from another namespace names a pid this JVM cannot
 *             look up, so it is never judged.
 *   uid       the owner of /proc/self (the effective uid): only this user's files are touched.
 *
 * Where any of this cannot be read (no /proc, a /proc of another namespace), there is no identity: names
 * carry only the pid and nothing is ever swept, since nothing could be judged safely.
 */
record ProcessIdentity(long pid, long start, long namespace, int uid) {

    /** What {@link #status} found about the process that created a file. */
    enum Status {
        /** The process runs (or may run): its files stay. */
        ALIVE,
        /** No process with that pid runs, or a later process has it: the creator has ended. */
        ENDED,
        /** Cannot tell (another pid namespace, an unreadable /proc): its files stay. */
        UNKNOWN
    }

    private static final Path PROC = Path.of("/proc");

    /** This JVM's identity, read once. */
    static Optional<ProcessIdentity> self() {
        return Self.IDENTITY;
    }

    private static final class Self {
        static final Optional<ProcessIdentity> IDENTITY = read();

        private static Optional<ProcessIdentity> read() {
            long pid = ProcessHandle.current().pid();
            try {
                // /proc must number processes as this JVM does: not so when it was mounted for another namespace
                if (!Files.readSymbolicLink(PROC.resolve("self")).toString().equals(Long.toString(pid))) {
                    return Optional.empty();
                }
                long start = startOf(PROC.resolve("self"));
                long namespace = namespaceInode(Files.readSymbolicLink(PROC.resolve("self/ns/pid")).toString());
                int uid = (Integer) Files.getAttribute(PROC.resolve("self"), "unix:uid");
                return start < 0 || namespace < 0 ? Optional.empty() : Optional.of(new ProcessIdentity(pid, start, namespace, uid));
            } catch (IOException | RuntimeException noProc) {
                return Optional.empty(); // no /proc (not Linux), or not readable here
            }
        }
    }

    /**
     * Whether the process that recorded ({@code pid}, {@code start}, {@code namespace}) in a file's name still
     * runs, judged from this process's namespace. A zombie counts as alive (its parent has not reaped it yet).
     */
    Status status(long otherPid, long otherStart, long otherNamespace) {
        if (otherNamespace != namespace) {
            return Status.UNKNOWN;
        }
        long now;
        try {
            now = startOf(PROC.resolve(Long.toString(otherPid)));
        } catch (NoSuchFileException gone) {
            return Status.ENDED;
        } catch (IOException | RuntimeException unreadable) {
            return Status.UNKNOWN;
        }
        if (now < 0) {
            return Status.UNKNOWN;
        }
        // a pid is not reused while its process (even as a zombie) exists: another start means another process
        return now == otherStart ? Status.ALIVE : Status.ENDED;
    }

    /** Field 22 (starttime) of {@code <procDir>/stat}, or -1 if it does not parse. */
    private static long startOf(Path procDir) throws IOException {
        String stat = Files.readString(procDir.resolve("stat"));
        int comm = stat.lastIndexOf(')'); // the command name (field 2) may hold spaces and parentheses
        if (comm < 0) {
            return -1;
        }
        String[] fields = stat.substring(comm + 1).trim().split(" ");
        // fields[0] is field 3 (state), so field 22 is fields[19]
        return fields.length > 19 ? parse(fields[19]) : -1;
    }

    /** The inode in {@code pid:[4026531836]}, or -1. */
    private static long namespaceInode(String link) {
        int open = link.indexOf('[');
        int close = link.lastIndexOf(']');
        return link.startsWith("pid:") && open > 0 && close > open ? parse(link.substring(open + 1, close)) : -1;
    }

    private static long parse(String digits) {
        try {
            long v = Long.parseLong(digits);
            return v >= 0 ? v : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
