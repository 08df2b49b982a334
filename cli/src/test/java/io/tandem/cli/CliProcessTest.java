package io.tandem.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #12's cases as a user meets them: {@code tandem} in its own JVM ({@link Main#main}, which calls
 * {@code System.exit}), stderr and the exit status as the shell sees them.
 */
class CliProcessTest {
    @TempDir
    Path dir;

    private record Exit(int status, String out, String err) {
    }

    private Exit tandem(String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        try {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tandem " + String.join(" ", args) + " returned");
        } finally {
            p.destroyForcibly();
            p.waitFor();
        }
        return new Exit(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private void oneLineStatus2(String expected, String... args) throws Exception {
        Exit e = tandem(args);
        String shown = "tandem " + String.join(" ", args) + " -> " + e.status() + "\n" + e.err();
        assertEquals(2, e.status(), shown);
        // the JVM may warn about itself (for example about native access) before our line; none is ours
        List<String> lines = e.err().lines().filter(l -> !l.startsWith("WARNING:")).toList();
        assertEquals(1, lines.size(), shown);
        assertTrue(lines.getFirst().startsWith("tandem") && lines.getFirst().contains(expected), shown);
        assertFalse(CliRun.hasStackTrace(e.err()), shown);
    }

    @Test
    void theIssuesBadInputsGetOneLineAndStatus2() throws Exception {
        CliBadInputTest.BadFiles f = new CliBadInputTest.BadFiles(dir);
        oneLineStatus2("binary file", "run", f.binary.toString());
        oneLineStatus2("byte 0xE9 is not UTF-8", "run", f.latin1.toString());
        oneLineStatus2("RunFile.MAX_NESTING_DEPTH", "run", f.brackets.toString());
        oneLineStatus2("is a directory", "run", dir.toString());
        oneLineStatus2("--port must be from 0 to 65535 (0: any free port), got 99999", "serve-hello", "--port", "99999");
        oneLineStatus2("duplicate key 'tasks' at lines 1 and 14", "run", f.duplicateTasks.toString());
        oneLineStatus2("unknown command 'nosuch'", "nosuch");
        assertFalse(Files.exists(f.marker), "no task of the file with two tasks: blocks ran");
    }

    @Test
    void aGoodFileStillRunsAndExitsZero() throws Exception {
        Path f = dir.resolve("ok.yaml");
        Files.writeString(f, "tasks:\n  a: {run: echo a >> ran.log}\n  b: {run: echo b >> ran.log, needs: a}\n", StandardCharsets.UTF_8);
        Exit e = tandem("run", f.toString());
        assertEquals(0, e.status(), e.err() + e.out());
        assertEquals(List.of("a", "b"), Files.readAllLines(dir.resolve("ran.log")));
        assertTrue(e.out().contains("2 tasks in"), e.out());
    }
}
