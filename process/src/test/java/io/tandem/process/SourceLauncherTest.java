package io.tandem.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code java Prog.java}: the JDK's source launcher compiles the program into memory, so its classes are
 * on no class path a worker could read; workers get them from the parent. Runs a real program that way.
 */
class SourceLauncherTest {
    @TempDir
    Path tmp;

    private static final String PROGRAM = """
            import io.tandem.process.Codecs;
            import io.tandem.process.ProcessPool;
            import java.io.Serializable;
            import java.util.List;

            public class Prog {
                record Point(int x, int y) implements Serializable { }

                static final class Scale implements Serializable {
                    private final int k;
                    Scale(int k) { this.k = k; }
                    int apply(int v) { return v * k; }
                }

                public static void main(String[] args) throws Exception {
                    List<Point> points = List.of(new Point(1, 2), new Point(3, 4), new Point(5, 6), new Point(7, 8));
                    Scale scale = new Scale(10);
                    try (ProcessPool pool = ProcessPool.create(2)) {
                        System.out.println("fory map " + pool.map(p -> scale.apply(p.x() + p.y()), points));
                        System.out.println("fory submit " + pool.submit(() -> new Point(scale.apply(4), 2)).join());
                    }
                    try (ProcessPool pool = ProcessPool.builder().workers(1).codec(Codecs.java()).build()) {
                        System.out.println("java map " + pool.map(p -> scale.apply(p.x() * p.y()), points));
                    }
                }
            }
            """;

    @Test
    void aProgramRunFromSourceMapsOverWorkerProcesses() throws Exception {
        Path prog = tmp.resolve("Prog.java");
        Files.writeString(prog, PROGRAM);
        Path out = tmp.resolve("out.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--sun-misc-unsafe-memory-access=allow", "-Xshare:auto",
                "--class-path", System.getProperty("java.class.path"), prog.toString())
                .directory(tmp.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), () -> "java Prog.java still running; output:\n" + read(out));
            String output = read(out);
            assertEquals(0, p.exitValue(), () -> "java Prog.java failed; output:\n" + output);
            List<String> lines = output.lines().toList();
            assertTrue(lines.contains("fory map [30, 70, 110, 150]"), output);
            assertTrue(lines.contains("fory submit Point[x=40, y=2]"), output);
            assertTrue(lines.contains("java map [20, 120, 300, 560]"), output);
        } finally {
            p.destroyForcibly();
            p.waitFor();
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return "(no output: " + e + ")";
        }
    }
}
