package io.tandem.cluster;

import io.tandem.Pools;
import io.tandem.TaskPool;
import io.tandem.graph.RunOptions;
import io.tandem.graph.RunResult;
import io.tandem.graph.TaskGraph;
import io.tandem.graph.TaskRef;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** A TaskGraph whose tasks choose a cluster pool whose tasks each need a gpu on their member. */
class ClusterGraphTest {
    @Test
    void graphTasksRunOnClusterMembersWithTheirInputs() throws Exception {
        TaskGraph g = TaskGraph.create();
        TaskRef<Integer> a = g.add("a", () -> 20);
        List<TaskRef<Long>> pids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            pids.add(g.task("pid" + i).pool("gpu").call(() -> {
                Thread.sleep(200);
                return ProcessHandle.current().pid();
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
}
