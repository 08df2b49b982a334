package io.tandem.examples;

import io.tandem.Pools;
import io.tandem.Scope;
import io.tandem.Task;
import io.tandem.TaskPool;
import io.tandem.Tasks;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports seed 003's asyncio example: {@code async def task(name, seconds)} works in 0.3 s steps and
 * returns a random result; {@code main} awaits one task, then runs two with {@code asyncio.gather}. In
 * Java the task is a plain blocking method (no {@code async}/{@code await} colouring): awaiting one is a
 * call, and running several at once is a virtual thread each, gathered with {@link Tasks#gather}
 * (results in order; the first failure cancels the rest). A third run uses a {@link Scope}, Python's
 * {@code TaskGroup} with a deadline: no task outlives the block, and a failure or the timeout cancels
 * the siblings.
 *
 * <p>The concurrency point: tasks that mostly wait overlap, so B (0.2 s) and C (0.3 s) together take
 * about as long as C alone.
 *
 * <p>Shorter than the seed: durations and steps are a tenth of the seed's (A and B 0.2 s, C 0.3 s,
 * steps of 30 ms).
 */
public final class Gather {
    /** The seed's {@code asyncio.sleep(0.3)}, a tenth. */
    static final Duration STEP = Duration.ofMillis(30);

    private Gather() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** Runs the example, printing on {@code out}. */
    public static void run(PrintStream out) throws Exception {
        // Run a single task: awaiting it is just calling it
        int singleTaskResult = task(out, "A", Duration.ofMillis(200));
        out.println("Single task result: " + singleTaskResult);

        // Run multiple tasks concurrently: asyncio.gather -> Tasks.gather
        try (TaskPool pool = Pools.virtual()) {
            List<Task<Integer>> tasks = List.of(
                    pool.submit(() -> task(out, "B", Duration.ofMillis(200))),
                    pool.submit(() -> task(out, "C", Duration.ofMillis(300))));
            List<Integer> results = Tasks.gather(tasks);
            out.println("Multiple tasks results: " + results);
        }

        // Structured: asyncio.TaskGroup + asyncio.timeout -> Scope
        try (Scope scope = Scope.open().withTimeout(Duration.ofSeconds(2))) {
            Task<Integer> d = scope.fork(() -> task(out, "D", Duration.ofMillis(200)));
            Task<Integer> e = scope.fork(() -> task(out, "E", Duration.ofMillis(300)));
            scope.join();
            out.println("Scope results: " + List.of(d.join(), e.join()));
        }
    }

    /** Works in {@link #STEP}s until {@code duration} has passed, then returns a random result. */
    static int task(PrintStream out, String name, Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() - end < 0) {
            out.println("Task " + name + " is working...");
            Pause.millis(STEP.toMillis());   // simulate work being done
        }
        int result = ThreadLocalRandom.current().nextInt(10_000, 20_001);
        out.println("Task " + name + " completed with result: " + result);
        return result;
    }
}
