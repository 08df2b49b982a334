package io.tandem.graph;

import io.tandem.Pools;
import io.tandem.TaskPool;
import io.tandem.process.ProcessPool;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class ProcessPoolTaskTest {

    @Test
    void taskAsksForTheProcessPoolAndGetsItsInputs() throws Exception {
        TaskGraph g = TaskGraph.create();
        TaskRef<Integer> a = g.add("a", () -> 20);
        TaskRef<Long> pid = g.task("pid").pool("process").call(() -> ProcessHandle.current().pid());
        TaskRef<Integer> b = g.task("b").needs(a).pool("process").call(ctx -> ctx.input(a) + 22);
        try (TaskPool threads = Pools.threads(2); ProcessPool procs = ProcessPool.create(1)) {
            RunResult r = g.run(RunOptions.builder().pool(threads).pool("process", procs).build());
            assertEquals(42, r.value(b), r::toJson);
            assertNotEquals(ProcessHandle.current().pid(), r.value(pid));
            assertEquals("process#0", r.task("b").worker());
        }
    }
}
