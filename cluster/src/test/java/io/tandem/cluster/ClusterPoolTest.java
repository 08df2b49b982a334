package io.tandem.cluster;

import io.tandem.Task;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The basics on a real local cluster: results, map order, members and their status. */
class ClusterPoolTest {
    @Test
    void localClusterRunsTasksAndMaps() {
        long t0 = System.nanoTime();
        try (ClusterPool pool = ClusterPool.local(2)) {
            System.out.println("local(2) ready in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
            assertEquals(2, pool.parallelism());
            assertEquals(42, pool.submit(() -> 6 * 7).join());
            List<Integer> in = IntStream.range(0, 10_000).boxed().toList();
            long t1 = System.nanoTime();
            List<Integer> out = pool.map(x -> x * 2, in);
            System.out.println("map 10k in " + (System.nanoTime() - t1) / 1_000_000 + " ms");
            for (int i = 0; i < in.size(); i++) {
                assertEquals(2 * i, out.get(i));
            }
            List<Task<Integer>> tasks = new ArrayList<>();
            long t2 = System.nanoTime();
            for (int i = 0; i < 5000; i++) {
                int k = i;
                tasks.add(pool.submit(() -> k + 1));
            }
            for (int i = 0; i < tasks.size(); i++) {
                assertEquals(i + 1, tasks.get(i).join());
            }
            System.out.println("5000 submits in " + (System.nanoTime() - t2) / 1_000_000 + " ms");
            List<MemberStatus> members = pool.members(Duration.ofSeconds(5));
            assertEquals(2, members.size());
            assertTrue(members.get(0).running() >= 0, members.toString());
            assertEquals(2, pool.localMemberPids().size());
        }
    }
}
