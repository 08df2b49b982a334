package io.tandem.process.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.OptionalLong;

/**
 * The names of the files and directories Tandem creates: every one starts with {@code tandem-<pid>-}, the
 * pid of the JVM that created it, so a leak check (or a person cleaning {@code /dev/shm} or the temp dir)
 * can tell one JVM's leftovers from another's, and whether their creator still runs.
 *
 * <p>Stateless and thread-safe.
 */
public final class TandemFiles {
    private static final long PID = ProcessHandle.current().pid();

    private TandemFiles() {
    }

    /** {@code tandem-<pid>-} for this JVM: how every name Tandem creates starts. */
    public static String prefix() {
        return prefix(PID);
    }

    /** {@code tandem-<pid>-} for the JVM with process id {@code pid}. */
    public static String prefix(long pid) {
        return "tandem-" + pid + "-";
    }

    /** The pid of the JVM that created {@code file}, if its name has Tandem's form. */
    public static OptionalLong creatorPid(Path file) {
        Path name = file.getFileName();
        String s = name == null ? "" : name.toString();
        if (!s.startsWith("tandem-")) {
            return OptionalLong.empty();
        }
        int end = s.indexOf('-', 7);
        if (end <= 7) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(s.substring(7, end)));
        } catch (NumberFormatException notOurs) {
            return OptionalLong.empty();
        }
    }

    /**
     * A new directory in the temp dir named {@code tandem-<pid>-<purpose>-<random>}, readable only by its
     * owner (0700) where the file system has POSIX permissions.
     *
     * @throws IOException if it cannot be created
     */
    public static Path createPrivateTempDirectory(String purpose) throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        boolean posix = tmp.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attrs = posix
                ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
                : new FileAttribute<?>[0];
        return Files.createTempDirectory(tmp, prefix() + purpose + "-", attrs);
    }
}
