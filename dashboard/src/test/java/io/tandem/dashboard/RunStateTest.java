package io.tandem.dashboard;

import io.tandem.Monitor;
import io.tandem.spi.WorkerInfo;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How the run's state takes tiny tasks the monitor left untimed. */
class RunStateTest {

    @Test
    void untimedTasksCountInProgressAndBusyTimeButNotOnTheStream() {
        long zero = 1_000_000L;
        RunState s = new RunState(zero);
        WorkerInfo w = new WorkerInfo("pool-worker-1", -1, "localhost");
        s.add(Monitor.Kind.SUCCEEDED, "pool", 1, "square", w, 1, zero + 2_000, zero + 2_800, null);
        for (int i = 2; i <= 11; i++) {
            s.add(Monitor.Kind.SUCCEEDED, "pool", i, "square", w, 1, 0, 0, null);
        }
        assertEquals(1, s.spans, "only the timed task is on the stream");
        assertEquals(10, s.untimed);
        assertEquals(11, s.labelCounts.get(s.labels.indexOf("square"))[0], "every task counts in progress");
        RunState.Worker worker = s.workers.values().iterator().next();
        assertEquals(11 * 800e-9, worker.busy[0], 1e-12, "untimed tasks are estimated at their timed neighbour's duration");
    }
}
