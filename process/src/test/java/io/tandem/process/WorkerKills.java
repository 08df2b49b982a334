package io.tandem.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

import static io.tandem.test.Await.await;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * What the kill tests share: SIGKILL a worker of this JVM from outside, tasks that log each start of their
 * body to a file (the log tells the test when, where and how often a body ran), and a bounded close.
 */
public final class WorkerKills {
    private WorkerKills() {
    }

    /** SIGKILLs {@code pid} if it is still a live child of this JVM (never some other process that reused the pid). */
    public static void kill(long pid) {
        ProcessHandle.of(pid)
                .filter(h -> h.parent().map(p -> p.pid() == ProcessHandle.current().pid()).orElse(false))
                .ifPresent(ProcessHandle::destroyForcibly);
    }

    /**
     * Runs in a worker: appends "{@code name} {@code pid}" to {@code log}, then waits until the file
     * {@code release} exists (the test creates it), then returns {@code name}. A stand-in for a long task.
     */
    public static String logAndHold(String log, String name, String release) throws IOException, InterruptedException {
        Files.writeString(Path.of(log), name + " " + ProcessHandle.current().pid() + "\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        while (!Files.exists(Path.of(release))) {
            Thread.sleep(5); // the task's "work": it lasts until the test releases it
        }
        return name;
    }

    /** The lines of {@code log} that start with {@code name}. */
    public static List<String> starts(Path log, String name) {
        try {
            return Files.exists(log) ? Files.readAllLines(log).stream().filter(l -> l.startsWith(name + " ")).toList() : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Waits until {@code name}'s body started for the {@code n}th time and returns the pid of that worker. */
    public static long awaitStart(Path log, String name, int n) {
        await(name + " started " + n + " times", () -> starts(log, name).size() >= n);
        String line = starts(log, name).get(n - 1);
        return Long.parseLong(line.substring(line.indexOf(' ') + 1).trim());
    }

    /** Closes {@code pool} on a platform thread and fails if close() has not returned within {@code bound}. */
    public static void closeWithin(ProcessPool pool, Duration bound) throws InterruptedException {
        Thread closer = Thread.ofPlatform().name("test-close").start(pool::close);
        closer.join(bound);
        boolean hung = closer.isAlive();
        if (hung) {
            pool.shutdownNow(); // do not leave the hang behind for the next test
            closer.join(Duration.ofSeconds(30));
        }
        assertFalse(hung, "close() did not return within " + bound + "\n" + io.tandem.test.ThreadDump.allThreads());
    }
}
