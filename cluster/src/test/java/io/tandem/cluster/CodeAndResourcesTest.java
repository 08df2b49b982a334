package io.tandem.cluster;

import io.tandem.Task;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Classes travel from the submitter to a bare member; resources are counted per member. */
class CodeAndResourcesTest {

    /** Only in this module's test classes: a bare member must fetch it from the submitter. */
    static final class OnlyInTests {
        static String where() {
            return OnlyInTests.class.getClassLoader().getName() + ":" + (21 * 2);
        }
    }

    @Test
    void aMemberWithoutTheUsersClassesFetchesThemFromTheSubmitter() throws Exception {
        MemberProcesses bare = new MemberProcesses();
        bare.classPath = MemberProcesses.bareClassPath();
        assertTrue(!bare.classPath.contains("test-classes"), bare.classPath);
        try (MemberProcesses members = MemberProcesses.start(bare, 1, "code-travels-secret");
             ClusterPool pool = ClusterPool.builder().join(members.joinList()).secret("code-travels-secret").build()) {
            assertEquals("tandem-submitter-classes:42", pool.submit(OnlyInTests::where).join());
            assertEquals(List.of(2, 4, 6), pool.map(x -> x * 2, List.of(1, 2, 3)));
        }
    }

    @Test
    void whatATaskPrintsOnAForwardingMemberReachesTheSubmitter() throws Exception {
        java.io.PrintStream original = System.out;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        try (MemberProcesses members = MemberProcesses.start(1, "output-secret", "--forward-output");
             ClusterPool pool = ClusterPool.builder().join(members.joinList()).secret("output-secret").build()) {
            System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
            try {
                assertEquals(7, pool.submit(() -> {
                    System.out.println("hello from a task");
                    System.out.print("a last line without a newline");
                    return 7;
                }).join());
            } finally {
                System.setOut(original);
            }
            String text = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(text.contains("[member " + members.addresses.getFirst() + "] hello from a task"), text);
            assertTrue(text.contains("] a last line without a newline"), text);
        }
    }

    private static long[] holdTheGpu() throws InterruptedException {
        long start = System.nanoTime();
        Thread.sleep(100); // the workload: a task that holds the gpu a while; the test checks no two holds overlap
        return new long[] {ProcessHandle.current().pid(), start, System.nanoTime()};
    }

    @Test
    void tasksThatNeedAResourceRunOnlyWhereItIsAndNoMoreAtOnceThanItHolds() throws Exception {
        try (MemberProcesses members = MemberProcesses.start(1, "resources-secret")) {
            long gpuPid = members.spawn("resources-secret", members.addresses.getFirst(), "--resources", "gpu=1", "--cores", "4")
                    .get(60, java.util.concurrent.TimeUnit.SECONDS).isEmpty() ? -1 : members.processes.getLast().pid();
            try (ClusterPool gpu = ClusterPool.builder().join(members.joinList()).secret("resources-secret")
                    .require("gpu", 1).joinTimeout(Duration.ofSeconds(30)).build()) {
                assertEquals(1, gpu.parallelism());
                List<Task<long[]>> tasks = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    tasks.add(gpu.submit(CodeAndResourcesTest::holdTheGpu));
                }
                List<long[]> runs = new ArrayList<>();
                for (Task<long[]> t : tasks) {
                    runs.add(t.join());
                }
                runs.sort((a, b) -> Long.compare(a[1], b[1]));
                for (int i = 0; i < runs.size(); i++) {
                    assertEquals(gpuPid, runs.get(i)[0], "every task ran on the member with the gpu");
                    if (i > 0) {
                        assertTrue(runs.get(i)[1] >= runs.get(i - 1)[2], "one gpu: never two tasks at once");
                    }
                }
            }
        }
    }
}
