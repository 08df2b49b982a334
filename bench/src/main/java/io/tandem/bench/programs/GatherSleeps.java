package io.tandem.bench.programs;

import io.tandem.Pools;
import io.tandem.Task;
import io.tandem.TaskPool;
import io.tandem.Tasks;

import java.util.ArrayList;
import java.util.List;

/**
 * Seed 003's {@code asyncio.gather} of tasks that each sleep 100 ms, as a user ports it from the README:
 * one virtual thread per task ({@link Pools#virtual()}) and {@link Tasks#gather}. Usage:
 * {@code GatherSleeps TASKS}; prints {@code T tasks, sum S}. Single-threaded main.
 */
public final class GatherSleeps {
    private GatherSleeps() {
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        try (TaskPool pool = Pools.virtual()) {
            List<Task<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int id = i;
                tasks.add(pool.submit(() -> {
                    Thread.sleep(100);
                    return id;
                }));
            }
            List<Integer> results = Tasks.gather(tasks);
            long sum = results.stream().mapToLong(Integer::longValue).sum();
            System.out.println(results.size() + " tasks, sum " + sum);
        }
    }
}
