package io.tandem.examples;

import io.tandem.channel.Channel;
import io.tandem.Scope;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;

/**
 * Ports seed 004's task queue: three worker threads take tasks from a {@code queue.Queue}, call
 * {@code task_done()} after each, the main thread waits with {@code task_queue.join()} and then puts one
 * {@code None} per worker to stop them. With a {@link Channel} the same shape is {@code taskDone()} and
 * {@code awaitDone()}, and the workers stop with one {@link Channel#close()} instead of counted
 * {@code None}s; the workers run in a {@link Scope}, so none outlives the example and a failing worker
 * is reported. A second part gives the queue the prioritisation the seed talks about:
 * {@link Channel#priority(Comparator)} hands out the most urgent task first.
 *
 * <p>The concurrency point: a shared queue balances work over whichever worker is free, and
 * {@code awaitDone} tells the producer when everything sent has been processed (not merely taken).
 */
public final class TaskQueue {
    static final List<Integer> TASKS = List.of(1, 2, 3, 4, 5);
    static final int NUM_WORKERS = 3;
    /** How long processing a task takes, so the workers share the tasks. */
    static final long WORK_MILLIS = 20;

    /** A task with a priority: lower numbers first. */
    record Job(int priority, String name) {
    }

    private TaskQueue() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** Runs the example, printing on {@code out}. */
    public static void run(PrintStream out) throws Exception {
        Channel<Integer> taskQueue = Channel.unbounded();
        try (Scope scope = Scope.open()) {
            for (int w = 1; w <= NUM_WORKERS; w++) {
                scope.fork("worker-" + w, () -> worker(out, taskQueue));
            }
            for (int task : TASKS) {
                taskQueue.send(task);
            }
            taskQueue.awaitDone();   // task_queue.join(): every task processed
            out.println("All " + TASKS.size() + " tasks processed");
            taskQueue.close();       // instead of one None per worker
            scope.join();
        }
        out.println("All tasks completed");

        out.println("-- with priorities --");
        Channel<Job> jobs = Channel.priority(Comparator.comparingInt(Job::priority));
        jobs.send(new Job(3, "clean up"));
        jobs.send(new Job(1, "urgent fix"));
        jobs.send(new Job(2, "review"));
        jobs.close();
        for (Job job : jobs) {
            out.println("Processing task: " + job.name() + " (priority " + job.priority() + ")");
        }
    }

    private static Void worker(PrintStream out, Channel<Integer> taskQueue) {
        for (int task : taskQueue) {
            try {
                out.println("Processing task: " + task);
                Pause.millis(WORK_MILLIS);
            } finally {
                taskQueue.taskDone();   // even if processing fails, or awaitDone() would wait forever
            }
        }
        return null;
    }
}
