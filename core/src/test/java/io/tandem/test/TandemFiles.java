package io.tandem.test;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
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
 * A name that carries a pid belongs to that process: {@link #mayBeOurs} keeps only this JVM's and its
 * descendants', so other JVMs running tests on the same machine are not blamed; a name without a pid can
 * only be judged by a before/after comparison. Listing costs well under a millisecond; safe from any thread.
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

    /** False for a name tagged with the pid of a process that is neither this JVM nor in {@code ours}. */
    static boolean mayBeOurs(Path p, Set<Long> ours) {
        Matcher m = PID_TAGGED.matcher(p.getFileName().toString());
        if (!m.matches()) {
            return true;
        }
        try {
            long pid = Long.parseLong(m.group(1));
            return pid == ProcessHandle.current().pid() || ours.contains(pid);
        } catch (NumberFormatException tooLong) {
            return true;
        }
    }
}
