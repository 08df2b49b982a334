package io.tandem.process.issues;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #11: every ProcessPool program printed four sun.misc.Unsafe warnings (Fory, loaded in the user's
 * own JVM) unless the user added a flag the README never mentions, and a worker sometimes logged a Fory
 * code-generation warning on the user's stdout at close. A plain {@code java -cp ... Main} prints only
 * what the program prints.
 */
class PlainJavaIsQuietTest {

    @Test
    void aProcessPoolProgramRunWithPlainJavaPrintsNothingButItsOwnOutput() throws Exception {
        Path out = Files.createTempFile("tandem-quiet-", ".out");
        Path err = Files.createTempFile("tandem-quiet-", ".err");
        try {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), PlainJavaProgram.class.getName())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the program finished");
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), "exit status; stderr: " + stderr);
            assertEquals(List.of("primes 1229 squares [1, 4, 9]"), stdout.lines().toList(), "stdout holds only the answer");
            assertEquals("", stderr, "nothing on stderr (no JDK warning)");
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

}
