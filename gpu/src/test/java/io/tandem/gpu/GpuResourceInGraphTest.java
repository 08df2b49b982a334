package io.tandem.gpu;

import io.tandem.Pools;
import io.tandem.TaskPool;
import io.tandem.graph.RunOptions;
import io.tandem.graph.RunResult;
import io.tandem.graph.TaskGraph;
import io.tandem.graph.TaskRef;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GPU work as a named resource of a TaskGraph: declared with {@link Gpu#resourceUnits()} units, each GPU
 * task needs one, so no more GPU tasks run at once than there are devices (one at a time on the CPU
 * backend), while CPU tasks of the same graph run beside them.
 */
class GpuResourceInGraphTest {
    private static final AtomicInteger RUNNING = new AtomicInteger();
    private static final AtomicInteger MOST = new AtomicInteger();

    private static double sumOfSquares(int n) {
        MOST.accumulateAndGet(RUNNING.incrementAndGet(), Math::max);
        try (DeviceArray x = Gpu.best().arange(DType.FLOAT64, n)) {
            return x.dot(x).doubleValue();
        } finally {
            RUNNING.decrementAndGet();
        }
    }

    @Test
    void gpuTasksNeverExceedTheDeclaredUnits() throws InterruptedException {
        TaskGraph g = TaskGraph.create();
        List<TaskRef<Double>> gpuTasks = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            int n = 50_000 + t;
            gpuTasks.add(g.task("squares-" + t).resource("gpu", 1).call(() -> sumOfSquares(n)));
        }
        TaskRef<Integer> cpuTask = g.add("cpu-side", () -> 42);
        try (TaskPool pool = Pools.threads(4)) {
            RunResult r = g.run(RunOptions.builder().pool(pool).resource("gpu", Gpu.resourceUnits()).build());
            assertTrue(r.succeeded(), r.toString());
            for (int t = 0; t < 6; t++) {
                double n = 50_000 + t;
                assertEquals((n - 1) * n * (2 * n - 1) / 6, r.value(gpuTasks.get(t)), 1e-6 * n * n * n);
            }
            assertEquals(42, r.value(cpuTask));
        }
        assertTrue(MOST.get() <= Gpu.resourceUnits(), "at most " + Gpu.resourceUnits() + " GPU tasks at once, saw " + MOST.get());
    }
}
