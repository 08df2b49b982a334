package io.tandem.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static io.tandem.test.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Workers exit by themselves when their parent dies, even by SIGKILL: no orphans. */
class ParentDeathTest {
    @Test
    void workersExitWhenTheirParentIsKilled(@TempDir Path tmp) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        // A SIGKILLed parent cannot delete its pool's socket directory: keep it in a temp dir this test removes.
        Process parent = new ProcessBuilder(java, "--sun-misc-unsafe-memory-access=allow", "-Djava.io.tmpdir=" + tmp, "-cp",
                System.getProperty("java.class.path"), ParentDeathChild.class.getName())
                .redirectErrorStream(true).start();
        List<Long> workers;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream()))) {
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("PIDS ")) {
                // skip JVM warnings
            }
            assertNotNull(line, "the child printed its worker pids");
            workers = Arrays.stream(line.substring(5).split(",")).map(Long::parseLong).toList();
            assertEquals(2, workers.size());
            parent.destroyForcibly(); // SIGKILL: no shutdown hook runs in the parent
            parent.waitFor();
        } finally {
            parent.destroyForcibly();
        }
        for (long pid : workers) {
            await("worker " + pid + " exited after its parent was killed",
                    () -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
        }
    }
}
