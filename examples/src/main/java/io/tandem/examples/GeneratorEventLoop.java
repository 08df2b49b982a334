package io.tandem.examples;

import io.tandem.EventLoop;
import io.tandem.EventLoop.Poll;
import io.tandem.EventLoop.Step;
import io.tandem.EventLoop.StepTask;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports seed 003's generator-based event loop: {@code task(name, seconds)} is a generator that prints
 * "Task A is working...", sleeps 0.3 s and yields {@code None} until its time is up, then yields a
 * random result; {@code event_loop} calls {@code next} on each task round-robin and collects the
 * results. Here each task is an {@link EventLoop} {@link Step}: each call does one piece of work and
 * returns {@link Poll#sleep} (the seed blocks the whole loop in {@code time.sleep}; this yields to the
 * other task while waiting) or {@link Poll#ready} with the result. A failing step fails its task, and
 * {@code close()} reports a failure nobody read, where the seed's loop would crash or swallow it.
 *
 * <p>The concurrency point: cooperative scheduling on one thread: tasks interleave only where they
 * yield, so they need no locks, and a task that does not yield stalls every other.
 *
 * <p>Same durations as the seed (2 s and 3 s, steps of 0.3 s), but on {@link EventLoop#virtualTime()}:
 * the loop's clock jumps to the next timer instead of waiting, so the example runs in milliseconds and
 * always interleaves the same way. {@link EventLoop#create()} runs it on the real clock.
 */
public final class GeneratorEventLoop {
    /** The seed's {@code time.sleep(0.3)}. */
    static final Duration STEP = Duration.ofMillis(300);

    private GeneratorEventLoop() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** Runs the example, printing on {@code out}. */
    public static void run(PrintStream out) throws Exception {
        long start = System.nanoTime();
        try (EventLoop loop = EventLoop.virtualTime()) {
            // Creating tasks
            StepTask<Integer> task1 = loop.spawn("A", task(out, loop, "A", Duration.ofSeconds(2)));
            StepTask<Integer> task2 = loop.spawn("B", task(out, loop, "B", Duration.ofSeconds(3)));
            // Starting the event loop with the tasks
            loop.run();
            Map<String, Integer> results = new LinkedHashMap<>();
            results.put(task1.name(), task1.result());
            results.put(task2.name(), task2.result());
            out.println("All tasks completed. Results: " + results);
            out.printf("%.1f s passed on the loop's virtual clock, %d ms on the wall clock%n",
                    loop.elapsed().toMillis() / 1000.0, (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** The generator {@code task(name, seconds)} as a step: works until {@code duration} has passed on the loop's clock. */
    static Step<Integer> task(PrintStream out, EventLoop loop, String name, Duration duration) {
        return new Step<>() {
            private Duration startTime;

            @Override
            public Poll<Integer> poll() {
                if (startTime == null) {
                    startTime = loop.elapsed();
                }
                if (loop.elapsed().compareTo(startTime.plus(duration)) < 0) {
                    out.println("Task " + name + " is working...");
                    return Poll.sleep(STEP);   // yield control while the work "happens"
                }
                int result = ThreadLocalRandom.current().nextInt(10_000, 20_001);
                out.println("Task " + name + " completed with result: " + result);
                return Poll.ready(result);
            }
        };
    }
}
