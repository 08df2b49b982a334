package io.tandem.process;

import io.tandem.Task;
import io.tandem.channel.Channel;
import io.tandem.test.Await;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A small map on a fresh pool must not all go to the first worker that is ready. It did: that worker's pipeline
 * (16 tasks deep) took every chunk while the other worker was still starting, and ran them alone (a cold
 * 20-item fetch-and-parse map used one worker of two). Here each item reports its worker and then waits at a
 * gate that opens only once both workers have reported: if one worker held every chunk, the second report
 * would never come.
 */
class ColdMapSpreadsOverWorkersTest {
    @Test
    void aSmallMapOnAFreshPoolReachesEveryWorker() throws Exception {
        ProcessChannel<Long> arrived = ProcessChannel.of(Channel.unbounded());
        ProcessChannel<Integer> gate = ProcessChannel.of(Channel.unbounded());
        List<Integer> items = IntStream.range(0, 8).boxed().toList();
        try (ProcessPool pool = ProcessPool.builder().workers(2).output(WorkerOutput.discard()).build();
             io.tandem.TaskPool caller = io.tandem.Pools.virtual()) {
            Task<List<Long>> map = caller.submit(() -> pool.map(x -> {
                long me = ProcessHandle.current().pid();
                arrived.send(me);
                gate.receive();
                return me;
            }, items));
            try {
                Set<Long> seen = new HashSet<>();
                Await.await("both workers to run a chunk of the map", () -> {
                    Long pid;
                    while ((pid = arrived.poll()) != null) {
                        seen.add(pid);
                    }
                    return seen.size() == 2;
                });
                for (int i = 0; i < items.size(); i++) {
                    gate.send(i);
                }
                List<Long> pids = map.join();
                assertEquals(items.size(), pids.size());
                assertEquals(seen, new HashSet<>(pids), "the items ran on the two workers that reported");
            } finally {
                gate.close(); // on failure: waiting items fail at the gate, so the pools can close
                map.cancel(true);
            }
        }
    }
}
