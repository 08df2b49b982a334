package io.tandem.test;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which process holds which Unix domain socket, read from Linux's {@code /proc}: {@code /proc/net/unix} maps
 * bound paths to socket inodes, {@code /proc/<pid>/fd} links name the inodes a process holds. Lets the
 * hygiene check tell this JVM's pool socket from another build's. Both methods read /proc afresh (a few
 * hundred microseconds) and are safe from any thread.
 */
final class UnixSockets {
    private static final Path NET_UNIX = Path.of("/proc/net/unix");

    private UnixSockets() {
    }

    /** Inodes of the sockets bound at {@code path}; {@code null} where {@code /proc/net/unix} cannot be read. */
    static Set<String> inodesBoundAt(Path path) {
        List<String> lines;
        try {
            lines = Files.readAllLines(NET_UNIX);
        } catch (IOException | SecurityException e) {
            return null;
        }
        // Num RefCount Protocol Flags Type St Inode [Path]
        String wanted = path.toString();
        Set<String> out = new HashSet<>();
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 8 && f[7].equals(wanted)) {
                out.add(f[6]);
            }
        }
        return out;
    }

    /** Inodes of the sockets process {@code pid} has open; empty where its fds cannot be read. */
    static Set<String> socketInodesHeldBy(long pid) {
        Set<String> out = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[") && target.endsWith("]")) {
                        out.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the fd was closed while we listed: it holds nothing now
                }
            }
        } catch (IOException | SecurityException e) {
            return out;
        }
        return out;
    }
}
