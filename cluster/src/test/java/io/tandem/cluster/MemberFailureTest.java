package io.tandem.cluster;

import io.tandem.Outcome;
import io.tandem.RetryPolicy;
import io.tandem.Task;
import io.tandem.Tasks;
import io.tandem.process.CodecException;
import io.tandem.test.Await;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Members and submitters that die, stall, cannot decode, or hold another secret: provoked for real. */
class MemberFailureTest {

    /** The workload: a task long enough that a member still has some in flight when the test kills it. */
    private static int slowValue(int i) throws InterruptedException {
        Thread.sleep(150); // the workload (see above): still in flight when its member is killed
        return i * 3;
    }

    private static MemberStatus busiest(ClusterPool pool) {
        MemberStatus best = null;
        for (MemberStatus m : pool.members(Duration.ofSeconds(2))) {
            if (best == null || m.inFlight() > best.inFlight()) {
                best = m;
            }
        }
        return best;
    }

    @Test
    void killedMemberTasksRunAgainElsewhereEachResultOnce() {
        assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
            try (ClusterPool pool = ClusterPool.builder().local(3).detection(Duration.ofSeconds(2))
                    .retry(RetryPolicy.attempts(3)).build()) {
                List<Task<Integer>> tasks = new ArrayList<>();
                ConcurrentHashMap<Long, AtomicInteger> completions = new ConcurrentHashMap<>();
                for (int i = 0; i < 60; i++) {
                    int k = i;
                    Task<Integer> t = pool.submit(() -> slowValue(k));
                    completions.put((long) i, new AtomicInteger());
                    t.onComplete(o -> completions.get((long) k).incrementAndGet());
                    tasks.add(t);
                }
                MemberStatus victim = Await.awaitValue("a member with tasks in flight", () -> {
                    MemberStatus m = busiest(pool);
                    return m != null && m.inFlight() > 0 ? m : null;
                });
                ProcessHandle.of(victim.pid()).orElseThrow().destroyForcibly(); // SIGKILL
                for (int i = 0; i < tasks.size(); i++) {
                    assertEquals(i * 3, tasks.get(i).get(60, TimeUnit.SECONDS));
                }
                Await.await("one completion per task", () -> completions.values().stream().allMatch(c -> c.get() == 1));
                Await.await("the killed member is gone from the pool", () -> pool.members(Duration.ofSeconds(2)).size() == 2);
            }
        });
    }

    @Test
    void killedMemberWithoutRetriesFailsItsTasksNamingMemberTaskAndAttempt() {
        assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
            try (ClusterPool pool = ClusterPool.builder().local(2).detection(Duration.ofSeconds(2))
                    .retry(RetryPolicy.NONE).build()) {
                List<Task<Integer>> tasks = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    int k = i;
                    tasks.add(pool.submit(() -> slowValue(k)));
                }
                MemberStatus victim = Await.awaitValue("a member with tasks in flight", () -> {
                    MemberStatus m = busiest(pool);
                    return m != null && m.inFlight() > 0 ? m : null;
                });
                ProcessHandle.of(victim.pid()).orElseThrow().destroyForcibly();
                List<Outcome<Integer>> outcomes = Tasks.settle(tasks);
                int lost = 0;
                for (int i = 0; i < outcomes.size(); i++) {
                    Outcome<Integer> o = outcomes.get(i);
                    if (o instanceof Outcome.Success<Integer> s) {
                        assertEquals(i * 3, s.value());
                    } else {
                        MemberLostException e = assertInstanceOf(MemberLostException.class,
                                ((Outcome.Failure<Integer>) o).error());
                        assertEquals(victim.id(), e.memberId());
                        assertEquals(1, e.attempt());
                        assertTrue(e.getMessage().contains(victim.address()) && e.getMessage().contains(tasks.get(i).name()),
                                e.getMessage());
                        lost++;
                    }
                }
                assertTrue(lost > 0, "some tasks were in flight on the killed member");
            }
        });
    }

    /** Decodes in the JVM that made it, and fails to decode anywhere else. */
    static final class OnlyHere implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
        private final long pid;

        OnlyHere(long pid) {
            this.pid = pid;
        }

        long pid() {
            return pid;
        }

        @Serial
        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            throw new java.io.InvalidObjectException("this value only decodes in the submitter");
        }
    }

    @Test
    void aTaskTheMemberCannotDecodeFailsAndTheMemberLives() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try (ClusterPool pool = ClusterPool.builder().local(1).build()) {
                List<Long> before = pool.localMemberPids();
                OnlyHere poison = new OnlyHere(ProcessHandle.current().pid());
                Task<Long> bad = pool.submit(() -> poison.pid());
                CompletionException e = assertThrows(CompletionException.class, bad::join);
                CodecException c = assertInstanceOf(CodecException.class, e.getCause());
                assertTrue(c.getMessage().contains("cannot decode task " + bad.name()), c.getMessage());
                assertEquals(5, pool.submit(() -> 2 + 3).join());
                assertEquals(before, pool.localMemberPids());
            }
        });
    }

    @Test
    void aWrongSecretIsRefusedWithAClearMessageAndNothingRuns() throws Exception {
        try (MemberProcesses members = MemberProcesses.start(1, "the-right-secret")) {
            ClusterJoinException e = assertThrows(ClusterJoinException.class, () -> ClusterPool.builder()
                    .join(members.joinList()).secret("a-wrong-secret").joinTimeout(Duration.ofSeconds(4)).build());
            assertTrue(e.getMessage().contains("not sealed with this cluster's secret"), e.getMessage());
            assertTrue(e.getMessage().contains("TANDEM_CLUSTER_SECRET"), e.getMessage());
        }
    }

    @Test
    void aSuspendedMemberIsDroppedItsTasksRunElsewhereAndItsLateAnswersAreIgnored() throws Exception {
        try (MemberProcesses members = MemberProcesses.start(2, "suspend-secret-1")) {
            try (ClusterPool pool = ClusterPool.builder().join(members.joinList()).secret("suspend-secret-1")
                    .minMembers(2).detection(Duration.ofSeconds(3)).build()) {
                List<Task<Integer>> tasks = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    int k = i;
                    tasks.add(pool.submit(() -> slowValue(k)));
                }
                MemberStatus victim = Await.awaitValue("a member with tasks in flight", () -> {
                    MemberStatus m = busiest(pool);
                    return m != null && m.inFlight() > 0 ? m : null;
                });
                signal("STOP", victim.pid());
                try {
                    for (int i = 0; i < tasks.size(); i++) {
                        assertEquals(i * 3, tasks.get(i).get(60, TimeUnit.SECONDS));
                    }
                } finally {
                    signal("CONT", victim.pid());
                }
                // the resumed member's late answers are for attempts given up: the results stay as they are
                assertEquals(7, pool.submit(() -> 3 + 4).join());
                for (int i = 0; i < tasks.size(); i++) {
                    assertEquals(i * 3, tasks.get(i).join());
                }
                // Hazelcast merges the resumed member back (a split-brain merge, after 5 s); it takes tasks again
                Await.await("the resumed member is back in the pool", Duration.ofSeconds(60),
                        () -> pool.members(Duration.ofSeconds(2)).size() == 2);
                // (the merge may still be settling: a batch can land on one member while the other is renamed)
                Await.await("both members run tasks again", Duration.ofSeconds(60), () -> {
                    List<Task<Long>> pids = new ArrayList<>();
                    for (int i = 0; i < 8; i++) {
                        pids.add(pool.submit(() -> {
                            Thread.sleep(50); // the workload: tasks that overlap, so both members get some
                            return ProcessHandle.current().pid();
                        }));
                    }
                    return pids.stream().map(Task::join).distinct().count() == 2;
                });
            }
        }
    }

    private static void signal(String sig, long pid) throws Exception {
        Process p = new ProcessBuilder("kill", "-" + sig, Long.toString(pid)).inheritIO().start();
        assertEquals(0, p.waitFor());
    }
}
