package io.tandem.cluster;

import io.tandem.test.Await;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A submitter killed with SIGKILL: its members stop its tasks and free their slots for others. */
class SubmitterKilledTest {
    private static final String SECRET = "submitter-killed-secret";

    @Test
    void membersDropTheTasksOfAKilledSubmitter() throws Exception {
        try (MemberProcesses members = MemberProcesses.start(1, SECRET)) {
            Process submitter = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "--sun-misc-unsafe-memory-access=allow", "-cp", System.getProperty("java.class.path"),
                    SubmitterMain.class.getName(), members.joinList(), SECRET, "3").redirectErrorStream(true).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(submitter.getInputStream(), StandardCharsets.UTF_8));
                 ClusterPool observer = ClusterPool.builder().join(members.joinList()).secret(SECRET)
                         .detection(Duration.ofSeconds(3)).build()) {
                String line;
                while ((line = r.readLine()) != null && !line.equals("SUBMITTED")) {
                    System.out.println("[submitter] " + line);
                }
                Await.await("the member runs the submitter's task and queues the rest", () -> {
                    List<MemberStatus> s = observer.members(Duration.ofSeconds(2));
                    return s.size() == 1 && s.get(0).running() == 1 && s.get(0).queued() == 2;
                });
                submitter.destroyForcibly(); // SIGKILL
                submitter.waitFor(10, TimeUnit.SECONDS);
                Await.await("the member dropped the dead submitter's tasks", Duration.ofSeconds(30), () -> {
                    List<MemberStatus> s = observer.members(Duration.ofSeconds(2));
                    return s.size() == 1 && s.get(0).running() == 0 && s.get(0).queued() == 0;
                });
                // the slot is free again: a task of another submitter runs at once
                assertEquals(9, observer.submit(() -> 4 + 5).get(20, TimeUnit.SECONDS));
            } finally {
                submitter.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
