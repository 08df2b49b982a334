package io.tandem.cluster;

import io.tandem.Pools;
import io.tandem.TaskPool;
import io.tandem.graph.RunOptions;
import io.tandem.graph.RunResult;
import io.tandem.graph.TaskGraph;
import io.tandem.graph.TaskRef;
import io.tandem.test.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** A TaskGraph whose tasks choose a cluster pool whose tasks each need a gpu on their member. */
class ClusterGraphTest {
    /*
     * Each gpu task records its member's pid in a shared directory and waits until a task has started on
     * another member. Each member has one gpu, so the first task holds its member's gpu until the second task
     * starts elsewhere: the tasks spread over both members by placement alone, not by timing (if both went to
     * one member, the first would wait for the other in vain and the await would fail).
     */
    @Test
    void graphTasksRunOnClusterMembersWithTheirInputs(@TempDir Path gate) throws Exception {
        String gateDir = gate.toString();
        TaskGraph g = TaskGraph.create();
        TaskRef<Integer> a = g.add("a", () -> 20);
        List<TaskRef<Long>> pids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int n = i;
            pids.add(g.task("pid" + i).pool("gpu").call(() -> {
                long me = ProcessHandle.current().pid();
                Files.writeString(Path.of(gateDir, me + "-" + n), "");
                Await.await("a gpu task started on another member", () -> startedElsewhere(gateDir, me));
                return me;
            }));
        }
        TaskRef<Integer> b = g.task("b").needs(a).pool("gpu").call(ctx -> ctx.input(a) + 22);
        try (TaskPool threads = Pools.threads(2);
             ClusterPool gpu = ClusterPool.builder().local(2).localResource("gpu", 1).require("gpu", 1).build()) {
            assertEquals(2, gpu.parallelism());
            RunResult r = g.run(RunOptions.builder().pool(threads).pool("gpu", gpu).build());
            assertEquals(42, r.value(b), r::toJson);
            Set<Long> where = new HashSet<>();
            for (TaskRef<Long> p : pids) {
                where.add(r.value(p));
            }
            assertFalse(where.contains(ProcessHandle.current().pid()));
            assertEquals(new HashSet<>(gpu.localMemberPids()), where, "the gpu tasks spread over both members");
        }
    }

    private static boolean startedElsewhere(String gateDir, long me) {
        try (var files = Files.list(Path.of(gateDir))) {
            return files.anyMatch(f -> !f.getFileName().toString().startsWith(me + "-"));
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
