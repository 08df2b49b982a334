package io.tandem.process.internal;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/*
 * Worker start-up time is mostly class loading and linking (the JDK's and Fory's). JDK 25's AOT cache
 * (JEP 483/514) stores them loaded and linked; a worker started with it is ready several times sooner.
 *
 * A cache is only valid for the class path it was made with, so it is made here, lazily, per class
 * path: the first worker of the first pool that finds no cache runs with -XX:AOTCacheOutput (a training
 * run: it writes the cache when it exits normally); later workers, in this and later runs, start with
 * -XX:AOTCache. The cache lives in ~/.cache/tandem/aot (or -Dtandem.cacheDir), keyed by the JDK, the
 * class path and each jar's size and time, so a rebuilt jar gets a new cache. The JDK refuses to make a
 * cache for class paths with non-empty directories (as in an IDE or a test run): then nothing is used.
 * -Dtandem.aot=false turns it off.
 *
 * Every rebuilt jar makes a new cache of some 25-30 MB, so publishing one prunes the directory: the KEEP
 * most recently used caches stay (using a cache touches it), older ones and the leftovers of training runs
 * that were killed (older than the stale-lock age) are deleted.
 */
final class AotCache {
    private static final Duration STALE_LOCK = Duration.ofMinutes(10);
    /** Caches kept per directory: a few class paths in use at once (the CLI, an application, its tests). */
    static final int KEEP = 4;

    /** What to add to a worker's command line: {@code -XX:AOTCache=...}, a training run, or nothing. */
    record Plan(List<String> options, Path training, Path target, Path lock) {
        static final Plan NONE = new Plan(List.of(), null, null, null);

        boolean trains() {
            return training != null;
        }

        /** After the training worker exited: publish its cache if it made one, release the lock. */
        void finish(int exitStatus) {
            if (!trains()) {
                return;
            }
            try {
                if (exitStatus == 0 && Files.size(training) > 0) {
                    Files.move(training, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    prune(target.getParent(), Instant.now());
                }
            } catch (IOException ignored) {
                // no cache this time; the next pool tries again
            } finally {
                deleteQuietly(training);
                deleteQuietly(lock);
            }
        }
    }

    private AotCache() {
    }

    static Plan plan(String classPath) {
        if (!Boolean.parseBoolean(System.getProperty("tandem.aot", "true")) || classPath == null || classPath.isEmpty()) {
            return Plan.NONE;
        }
        try {
            String key = key(classPath);
            if (key == null) {
                return Plan.NONE;
            }
            Path dir = Path.of(System.getProperty("tandem.cacheDir",
                    System.getProperty("user.home") + File.separator + ".cache" + File.separator + "tandem"), "aot");
            Files.createDirectories(dir);
            Path cache = dir.resolve("worker-" + key + ".aot");
            List<String> quiet = List.of("-Xlog:aot=off", "-Xlog:cds=off");
            if (Files.isRegularFile(cache)) {
                touch(cache);
                return new Plan(concat(quiet, "-XX:AOTCache=" + cache), null, null, null);
            }
            Path lock = dir.resolve("worker-" + key + ".lock");
            if (!takeLock(lock)) {
                return Plan.NONE; // another pool is making it right now
            }
            Path training = dir.resolve("worker-" + key + "." + ProcessHandle.current().pid() + ".tmp");
            return new Plan(concat(quiet, "-XX:AOTCacheOutput=" + training), training, cache, lock);
        } catch (IOException | RuntimeException e) {
            return Plan.NONE; // a cache is an optimisation; never fail a pool over it
        }
    }

    private static List<String> concat(List<String> a, String b) {
        return java.util.stream.Stream.concat(a.stream(), java.util.stream.Stream.of(b)).toList();
    }

    private static boolean takeLock(Path lock) throws IOException {
        try {
            Files.createFile(lock);
            return true;
        } catch (java.nio.file.FileAlreadyExistsException e) {
            FileTime t = Files.getLastModifiedTime(lock);
            if (t.toInstant().isBefore(Instant.now().minus(STALE_LOCK))) {
                Files.setLastModifiedTime(lock, FileTime.from(Instant.now()));
                return true; // its owner died while training
            }
            return false;
        }
    }

    /** A digest of the JDK and the class path's jars, or null when the class path cannot be cached. */
    private static String key(String classPath) throws IOException {
        // Two FNV-1a 64-bit hashes with different seeds, not SHA-256: loading a MessageDigest provider cost a
        // fresh JVM ~5 ms on the path to its first worker, and a key only has to tell class paths apart (the
        // JVM itself rejects a cache that does not match its class path, so a collision costs a slow start).
        StringBuilder text = new StringBuilder(System.getProperty("java.home")).append('|').append(Runtime.version());
        for (String entry : classPath.split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p)) {
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(p)) {
                    if (ds.iterator().hasNext()) {
                        return null; // the JDK cannot make a cache with a non-empty directory on the class path
                    }
                }
                continue;
            }
            text.append('|').append(entry);
            if (Files.isRegularFile(p)) {
                text.append('|').append(Files.size(p)).append('@').append(Files.getLastModifiedTime(p).toMillis());
            }
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        return HexFormat.of().toHexDigits(fnv1a(bytes, 0xcbf29ce484222325L)) + HexFormat.of().toHexDigits(fnv1a(bytes, 0x84222325cbf29ce4L));
    }

    private static long fnv1a(byte[] bytes, long seed) {
        long h = seed;
        for (byte b : bytes) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** Marks a cache as used now, so pruning keeps the caches in use (best effort). */
    private static void touch(Path cache) {
        try {
            Files.setLastModifiedTime(cache, FileTime.from(Instant.now()));
        } catch (IOException ignored) {
            // a read-only cache directory still works; it is just never pruned by this process
        }
    }

    /**
     * Deletes all but the {@link #KEEP} most recently used {@code worker-*.aot} caches in {@code dir}, and
     * training leftovers ({@code *.tmp*}, {@code *.lock}) older than the stale-lock age. Best effort.
     */
    static void prune(Path dir, Instant now) {
        try (var files = Files.list(dir)) {
            List<Path> all = files.filter(f -> f.getFileName().toString().startsWith("worker-")).toList();
            List<Path> caches = all.stream().filter(f -> f.getFileName().toString().endsWith(".aot"))
                    .sorted(java.util.Comparator.comparing(AotCache::modified).reversed()).toList();
            for (int i = KEEP; i < caches.size(); i++) {
                deleteQuietly(caches.get(i));
            }
            Instant stale = now.minus(STALE_LOCK);
            for (Path f : all) {
                String name = f.getFileName().toString();
                if ((name.contains(".tmp") || name.endsWith(".lock")) && modified(f).isBefore(stale)) {
                    deleteQuietly(f);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // pruning is housekeeping; never fail a pool over it
        }
    }

    private static Instant modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            if (p != null) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // best effort
        }
    }
}
