package io.tandem.process.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.tandem.test.Await.await;
import static io.tandem.test.Await.awaitValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 12: a parent JVM killed with SIGKILL left its shared-memory files and its pool's socket directory
 * until reboot. Its workers exit; the next JVM that creates a shared object (or a pool) removes the files,
 * and never those of a JVM that still runs.
 *
 * <p>The JVMs here get a temp dir and a shared-memory directory of this test's own, so nothing they leave
 * can meet other builds' files, and JUnit removes whatever a failing run leaves.
 */
class KilledParentLeftoversTest {
    @Test
    void theNextJvmSweepsWhatAKilledParentLeft_andKeepsWhatALiveOneUses(@TempDir Path root) throws Exception {
        assumeTrue(ProcessIdentity.self().isPresent(), "needs /proc to tell a live JVM from an ended one");
        Path tmp = Files.createDirectory(root.resolve("tmp"));
        Path shm = Files.createDirectory(root.resolve("shm"));
        List<Process> started = new ArrayList<>();
        try {
            Process killed = start(root, tmp, shm, "pool", started);
            Process live = start(root, tmp, shm, "pool", started);
            List<Long> killedWorkers = longs(line(root, killed, "PIDS "));
            List<Path> killedFiles = paths(line(root, killed, "FILES "));
            List<Long> liveWorkers = longs(line(root, live, "PIDS "));
            List<Path> liveFiles = paths(line(root, live, "FILES "));
            assertEquals(3, killedFiles.size(), killedFiles::toString);
            killedFiles.forEach(f -> assertTrue(Files.exists(f), f + " exists while its JVM runs"));

            killed.destroyForcibly(); // SIGKILL: no shutdown hook, no close
            assertTrue(killed.waitFor(30, TimeUnit.SECONDS), "the killed JVM was reaped");
            for (long pid : killedWorkers) {
                await("worker " + pid + " exited after its parent was killed",
                        () -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
            }
            killedFiles.forEach(f -> assertTrue(Files.exists(f), f + " is left behind: nothing in the killed JVM removed it"));

            Process next = start(root, tmp, shm, "sweep", started);
            assertTrue(next.waitFor(60, TimeUnit.SECONDS), "the next JVM finished; output:\n" + output(root, next));
            assertEquals(0, next.exitValue(), () -> "the next JVM failed; output:\n" + output(root, next));
            Set<Path> swept = Set.copyOf(paths(line(root, next, "SWEPT ")));
            assertEquals(Set.copyOf(killedFiles), swept, "the next JVM's sweep removed exactly the killed JVM's files");
            killedFiles.forEach(f -> assertTrue(Files.notExists(f), f + " is gone"));
            liveFiles.forEach(f -> assertTrue(Files.exists(f), f + " of a live JVM survives the sweep"));
            assertTrue(Files.exists(liveFiles.get(2).resolve(Leftovers.SOCKET)), "the live pool's socket survives");

            live.destroyForcibly();
            assertTrue(live.waitFor(30, TimeUnit.SECONDS), "the live JVM was reaped after SIGKILL");
            for (long pid : liveWorkers) {
                await("worker " + pid + " exited", () -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
            }
            assertEquals(Set.copyOf(liveFiles), Set.copyOf(Leftovers.sweep(List.of(shm, tmp))),
                    "an explicit sweep removes the second JVM's files once it is killed too");
            assertEquals(List.of(), tandemEntries(shm, tmp), "nothing of Tandem's is left");
        } finally {
            for (Process p : started) {
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static Process start(Path root, Path tmp, Path shm, String job, List<Process> started) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "--sun-misc-unsafe-memory-access=allow", "-Djava.io.tmpdir=" + tmp, "-Dtandem.shm.dir=" + shm,
                "-Dtandem.aot=false", "-cp", childClassPath(), KilledParentChild.class.getName(), job);
        Path log = Files.createTempFile(root, job + "-", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        started.add(p);
        Files.move(log, root.resolve(p.pid() + ".log"));
        return p;
    }

    /**
     * This JVM's classes on a plain class path: the test classes, then what runs on the module path (under
     * -Pmodule-path, where the test classes are patched into the module and java.class.path lacks Tandem).
     */
    private static String childClassPath() throws IOException {
        try {
            List<String> parts = new ArrayList<>();
            parts.add(Path.of(KilledParentChild.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            for (String property : List.of("jdk.module.path", "java.class.path")) {
                String value = System.getProperty(property, "");
                if (!value.isEmpty()) {
                    parts.add(value);
                }
            }
            return String.join(java.io.File.pathSeparator, parts);
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
    }

    /** The rest of the first line of {@code p}'s output that starts with {@code prefix}, once it is there. */
    private static String line(Path root, Process p, String prefix) {
        return awaitValue(p.pid() + " printed \"" + prefix + "\"", () -> {
            Optional<String> found = output(root, p).lines().filter(l -> l.startsWith(prefix)).findFirst();
            if (found.isEmpty() && !p.isAlive()) {
                throw new AssertionError("JVM " + p.pid() + " exited with " + p.exitValue() + " before printing \""
                        + prefix + "\"; output:\n" + output(root, p));
            }
            return found.map(l -> l.substring(prefix.length())).orElse(null);
        });
    }

    private static String output(Path root, Process p) {
        try {
            return Files.readString(root.resolve(p.pid() + ".log"));
        } catch (IOException e) {
            return "";
        }
    }

    private static List<Long> longs(String csv) {
        return Arrays.stream(csv.split(",")).map(Long::parseLong).toList();
    }

    private static List<Path> paths(String csv) {
        return csv.isEmpty() ? List.of() : Arrays.stream(csv.split(",")).map(Path::of).toList();
    }

    private static List<Path> tandemEntries(Path... dirs) {
        List<Path> out = new ArrayList<>();
        for (Path d : dirs) {
            try (Stream<Path> s = Files.list(d)) {
                s.filter(p -> p.getFileName().toString().startsWith("tandem-")).forEach(out::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }
}
