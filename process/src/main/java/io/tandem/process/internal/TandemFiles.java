package io.tandem.process.internal;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The names of the files and directories Tandem creates: every one starts with {@code tandem-<pid>-}, the
 * pid of the JVM that created it, so a leak check (or a person cleaning {@code /dev/shm} or the temp dir)
 * can tell one JVM's leftovers from another's. On Linux the name goes on with the creator's
 * {@link ProcessIdentity identity}, {@code <start>.<namespace>-} (its start time in clock ticks since boot and
 * its pid namespace, both in base 36 to keep socket paths short), which tells the creator from a later process that was given the same pid: that is
 * what lets {@link Leftovers} remove what a killed JVM left, and never what a live one uses.
 *
 * <p>Stateless and thread-safe.
 */
public final class TandemFiles {
    private static final long PID = ProcessHandle.current().pid();
    /** {@code tandem-<pid>-<start>.<namespace>-<rest>}, start and namespace in base 36; rest in the characters Tandem writes. */
    private static final Pattern TAGGED = Pattern.compile("tandem-(\\d{1,19})-([0-9a-z]{1,13})\\.([0-9a-z]{1,13})-[A-Za-z0-9._-]+");
    private static final int MAX_PURPOSE = 12;

    private TandemFiles() {
    }

    /** What a tagged name says about its creator. */
    record Tag(long pid, long start, long namespace) {
    }

    /** {@code tandem-<pid>-} for this JVM: how every name Tandem creates starts. */
    public static String prefix() {
        return prefix(PID);
    }

    /** {@code tandem-<pid>-} for the JVM with process id {@code pid}. */
    public static String prefix(long pid) {
        return "tandem-" + pid + "-";
    }

    /**
     * How the names of this JVM's new files start: {@code tandem-<pid>-<start>.<namespace>-} where this JVM's
     * identity can be read (Linux), else just {@link #prefix()}.
     */
    static String tag() {
        return Tagged.TAG;
    }

    private static final class Tagged {
        static final String TAG = ProcessIdentity.self()
                .map(me -> prefix() + Long.toString(me.start(), 36) + "." + Long.toString(me.namespace(), 36) + "-")
                .orElse(prefix());
    }

    /** The creator's pid, start and namespace, if {@code file}'s name has the tagged form. */
    static Optional<Tag> tagOf(Path file) {
        Path name = file.getFileName();
        Matcher m = TAGGED.matcher(name == null ? "" : name.toString());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Tag(Long.parseLong(m.group(1)), Long.parseLong(m.group(2), 36), Long.parseLong(m.group(3), 36)));
        } catch (NumberFormatException tooLong) {
            return Optional.empty();
        }
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
     * A new directory in the temp dir named {@code <tag><purpose>-<random>} (see {@link #tag()}), readable only
     * by its owner (0700) where the file system has POSIX permissions. {@code purpose} is cut to its first 12
     * letters, digits, dots, dashes and underscores (others become {@code _}) and the random part is 8 hex digits:
     * a pool's name may be anything, but a Unix socket's whole path must fit in 107 bytes.
     *
     * @throws IOException if it cannot be created
     */
    public static Path createPrivateTempDirectory(String purpose) throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        boolean posix = tmp.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attrs = posix
                ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
                : new FileAttribute<?>[0];
        String prefix = tag() + safe(purpose) + "-";
        while (true) {
            try {
                return Files.createDirectory(tmp.resolve(prefix + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt())), attrs);
            } catch (FileAlreadyExistsException taken) {
                // another name
            }
        }
    }

    private static String safe(String purpose) {
        StringBuilder sb = new StringBuilder(Math.min(purpose.length(), MAX_PURPOSE));
        for (int i = 0; i < purpose.length() && sb.length() < MAX_PURPOSE; i++) {
            char c = purpose.charAt(i);
            boolean plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-';
            sb.append(plain ? c : '_');
        }
        return sb.isEmpty() ? "x" : sb.toString();
    }
}
