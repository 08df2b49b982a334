package io.tandem.graph.runfile;

import io.tandem.Pools;
import io.tandem.RetryPolicy;
import io.tandem.TaskPool;
import io.tandem.graph.GraphRun;
import io.tandem.graph.RunOptions;
import io.tandem.graph.RunResult;
import io.tandem.graph.TaskStatus;
import io.tandem.graph.TaskTimeoutException;
import io.tandem.test.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunFileTest {
    @TempDir
    Path dir;

    /** The shell creates the file (the redirect) a moment before echo writes the pid and its newline into it. */
    private static boolean hasPid(Path pidFile) {
        try {
            return Files.readString(pidFile).endsWith("\n");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static boolean alive(Path pidFile) throws Exception {
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    void timeoutKillsTheWholeProcessTree() throws Exception {
        RunFile rf = RunFile.parse("""
                tasks:
                  hang:
                    run: sh -c 'sleep 60 & echo $! > child.pid; wait'
                    timeout: 300ms
                """, "t.yaml", dir);
        try (TaskPool pool = Pools.threads(1)) {
            RunResult r = rf.toGraph().run(RunOptions.builder().pool(pool).build());
            assertEquals(TaskStatus.FAILED, r.status("hang"));
            assertInstanceOf(TaskTimeoutException.class, r.task("hang").error());
        }
        Path pid = dir.resolve("child.pid");
        Await.await("grandchild killed", () -> {
            try {
                return !alive(pid);
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    void cancellingTheRunKillsRunningCommands() throws Exception {
        RunFile rf = RunFile.parse("""
                tasks:
                  a: {run: "sleep 60 & echo $! > a.pid; wait"}
                  b: {run: "sleep 60 & echo $! > b.pid; wait"}
                  c: {run: "echo never", needs: [a, b]}
                """, "t.yaml", dir);
        try (TaskPool pool = Pools.threads(2)) {
            GraphRun run = rf.toGraph().start(RunOptions.builder().pool(pool).build());
            Await.await("both commands started", () -> hasPid(dir.resolve("a.pid")) && hasPid(dir.resolve("b.pid")));
            run.cancel();
            RunResult r = run.await(Duration.ofSeconds(20));
            assertEquals(3, r.counts().get(TaskStatus.CANCELLED), r::toJson);
        }
        assertFalse(alive(dir.resolve("a.pid")));
        assertFalse(alive(dir.resolve("b.pid")));
    }

    @Test
    void envWorkdirAndOutput() throws Exception {
        Files.createDirectories(dir.resolve("sub"));
        RunFile rf = RunFile.parse("""
                tasks:
                  a: {run: 'echo "$GREETING from $(basename "$PWD") $TANDEM_TASK"', env: {GREETING: hello}, workdir: sub}
                """, "t.yaml", dir);
        try (TaskPool pool = Pools.threads(1)) {
            RunResult r = rf.toGraph().run(RunOptions.builder().pool(pool).build());
            assertEquals("hello from sub a", r.task("a").value());
        }
    }

    @Test
    void retrySettingsBecomeARetryPolicy() {
        RunFile rf = RunFile.parse("""
                tasks:
                  plain: {run: "true"}
                  again: {run: "true", retries: 2}
                  backoff: {run: "true", retries: 3, backoff: 100ms, jitter: 0.5}
                  ignored: {run: "true", backoff: 1s}
                """, "r.yaml", dir);
        java.util.Map<String, RunFile.TaskDef> defs = new java.util.HashMap<>();
        rf.tasks().forEach(t -> defs.put(t.name(), t));
        assertSame(RetryPolicy.NONE, defs.get("plain").retry());
        assertEquals(0, defs.get("plain").retries());
        RetryPolicy again = defs.get("again").retry();
        assertEquals(3, again.maxAttempts());
        assertEquals(2, defs.get("again").retries());
        assertEquals(Duration.ZERO, again.delayAfter(1));
        RetryPolicy backoff = defs.get("backoff").retry();
        assertEquals(4, backoff.maxAttempts());
        assertEquals(Duration.ofMillis(100), backoff.delayAfter(1));
        assertEquals(Duration.ofMillis(200), backoff.delayAfter(2));
        assertEquals(Duration.ofMillis(1600), backoff.maxBackoff());
        assertEquals(0.5, backoff.jitter());
        assertSame(RetryPolicy.NONE, defs.get("ignored").retry(), "backoff applies only with retries");
        RunFileException bad = assertThrows(RunFileException.class,
                () -> RunFile.parse("tasks:\n  a: {run: x, retries: 1, jitter: 2}\n", "j.yaml", dir));
        assertTrue(bad.getMessage().startsWith("j.yaml:2:35: tasks.a.jitter: expected a fraction between 0 and 1 (like 0.5), got '2'"),
                bad.getMessage());
    }

    @Test
    void aFailingCommandIsRetriedAsTheFileSays() throws Exception {
        RunFile rf = RunFile.parse("""
                tasks:
                  flaky: {run: "echo x >> tries; test $(wc -l < tries) -ge 3", retries: 2, backoff: 10ms}
                """, "f.yaml", dir);
        try (TaskPool pool = Pools.threads(1)) {
            RunResult r = rf.toGraph().run(RunOptions.builder().pool(pool).build());
            assertEquals(TaskStatus.SUCCEEDED, r.status("flaky"), r::toJson);
            assertEquals(3, r.task("flaky").attempts());
        }
    }

    @Test
    void parseErrorsCarryLineAndColumn() {
        RunFileException e = assertThrows(RunFileException.class, () -> RunFile.parse("""
                resources: {cpu: 2}
                tasks:
                  a:
                    run: echo
                    resources: {cpu: 3}
                """, "r.yaml", dir));
        assertEquals(5, e.line());
        assertEquals(16, e.column());
        assertTrue(e.getMessage().startsWith("r.yaml:5:16: tasks.a.resources: needs 3 of 'cpu' but its capacity is 2"), e.getMessage());
        RunFileException empty = assertThrows(RunFileException.class, () -> RunFile.parse("", "e.yaml", dir));
        assertTrue(empty.getMessage().contains("expected a mapping with 'tasks:'"));
        RunFileException noTasks = assertThrows(RunFileException.class, () -> RunFile.parse("workers: 2\n", "n.yaml", dir));
        assertTrue(noTasks.getMessage().contains("expected a 'tasks:' mapping"), noTasks.getMessage());
        RunFileException dup = assertThrows(RunFileException.class, () -> RunFile.parse("tasks:\n  a: {run: x}\n  a: {run: y}\n", "d.yaml", dir));
        assertTrue(dup.getMessage().startsWith("d.yaml:3:"), dup.getMessage());
        RunFileException dur = assertThrows(RunFileException.class, () -> RunFile.parse("tasks:\n  a: {run: x, timeout: soon}\n", "t.yaml", dir));
        assertTrue(dur.getMessage().contains("expected a duration like 500ms, 30s, 5m or 1h, got 'soon'"), dur.getMessage());
    }
}
