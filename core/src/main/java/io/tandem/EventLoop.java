package io.tandem;

import io.tandem.internal.Checks;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;

/**
 * A small single-threaded event loop for step-wise cooperative tasks: the generator-based event loop
 * (Python's {@code yield}-driven round robin) and a miniature of asyncio's loop. A task is a
 * {@link Step}, called again and again; each call does a bit of work and returns a {@link Poll}: pending
 * (yield to the other tasks), sleep (resume after a delay) or ready (done, with a value).
 *
 * {@snippet :
 * try (EventLoop loop = EventLoop.virtualTime()) {
 *     int[] left = {3};
 *     EventLoop.StepTask<String> a = loop.spawn("A", () -> {
 *         System.out.println("A is working");
 *         return --left[0] > 0 ? EventLoop.Poll.pending() : EventLoop.Poll.ready("A done");
 *     });
 *     String result = loop.runUntilComplete(a);
 * }
 * }
 *
 * <p>For real concurrency use virtual threads ({@code Pools.virtual()}); this loop exists for code that
 * is naturally a state machine (protocol handlers, simulations, games) and for deterministic tests of
 * such code: {@link #virtualTime()} never waits, it jumps the clock to the next timer when idle.
 *
 * <h2>Scheduling</h2>
 * Each loop iteration runs the callbacks that were ready when it began, in the order they were
 * scheduled, then the timers that have come due, in order of due time (ties in scheduling order).
 * A task that returns {@link Poll#pending()} is queued behind the callbacks already waiting, so tasks
 * that keep yielding run round-robin.
 *
 * <h2>Threads</h2>
 * The loop is confined to one thread: while {@link #run()} or {@link #runUntilComplete} runs, every
 * method except {@link #callSoonThreadSafe} must be called from that thread (from inside a step or
 * callback), and others throw {@link IllegalStateException}; when the loop is not running, one thread
 * at a time may use it (for example to set it up before running it). Other threads hand work to the loop
 * with {@link #callSoonThreadSafe}, which wakes a loop waiting for a timer; actions before that call
 * happen-before the callback runs.
 *
 * <h2>Failures are never lost</h2>
 * A step that throws fails its task: {@link StepTask#result()} throws a {@link CompletionException} with
 * the step's exception as cause. A failed task whose outcome nobody read ({@code result},
 * {@code outcome} or {@code runUntilComplete}) is reported by {@link #close()}, which throws a
 * {@link TandemException} naming the tasks, with the first failure as cause and the others suppressed.
 * A plain callback ({@code callSoon}, {@code callLater}) that throws has no task to fail: its exception
 * propagates out of {@code run}/{@code runUntilComplete} at once; the rest of the work stays scheduled
 * and a later {@code run} continues with it.
 *
 * <h2>Blocking</h2>
 * Steps and callbacks must not block: while one runs, nothing else in the loop does. {@code run} waits
 * (real time) or jumps the clock (virtual time) only when nothing is ready. If the waiting thread is
 * interrupted, {@code run} throws {@link CancellationException} with the interrupt flag set again.
 */
public interface EventLoop extends AutoCloseable {

    /** A loop on the real clock ({@link System#nanoTime()}). */
    static EventLoop create() {
        return new StepEventLoop(false);
    }

    /**
     * A loop on a virtual clock that starts at zero and, whenever nothing is ready, jumps to the next
     * timer instead of waiting: deterministic and instant, for tests and simulations.
     */
    static EventLoop virtualTime() {
        return new StepEventLoop(true);
    }

    /** Schedules {@code callback} to run in the next loop iteration; loop thread only. */
    Timer callSoon(Runnable callback);

    /** Schedules {@code callback} to run after {@code delay} (zero or more); loop thread only. */
    Timer callLater(Duration delay, Runnable callback);

    /**
     * Schedules {@code callback} from any thread and wakes the loop if it is waiting for a timer. When
     * the loop is not running, the callback waits for the next {@code run}.
     *
     * @throws IllegalStateException if the loop is closed
     */
    void callSoonThreadSafe(Runnable callback);

    /** Starts a task that calls {@code step} until it returns {@link Poll#ready}; its first step runs soon. */
    <T> StepTask<T> spawn(String name, Step<T> step);

    /**
     * Runs the loop until {@code task} is done and returns its result.
     *
     * @throws CompletionException   wrapping the task's exception if a step threw
     * @throws CancellationException if the task was cancelled
     */
    <T> T runUntilComplete(StepTask<T> task);

    /** Runs the loop until no callback, timer or task is left. */
    void run();

    /** Time since the loop was created, on its clock (virtual or real). */
    Duration elapsed();

    /**
     * Cancels every unfinished task and timer, drops pending callbacks and closes the loop. Idempotent.
     *
     * @throws TandemException       if tasks failed and nobody read their outcome (see the class comment)
     * @throws IllegalStateException if called while the loop runs
     */
    @Override
    void close();

    /**
     * One step of a task: does a bounded piece of work and says what next. It is called on the loop's
     * thread only, never concurrently with itself.
     *
     * @param <T> the task's result type
     */
    @FunctionalInterface
    interface Step<T> {
        /** Does the next piece of work; throwing fails the task. Must not return null. */
        Poll<T> poll() throws Exception;
    }

    /**
     * What a {@link Step} returns: {@link #pending()} (call me again after the others had their turn),
     * {@link #sleep(Duration)} (call me again after a delay) or {@link #ready(Object)} (done). Immutable.
     *
     * @param <T> the task's result type
     */
    sealed interface Poll<T> {

        /** Yield: the step is called again after the callbacks and steps already waiting. */
        @SuppressWarnings("unchecked")
        static <T> Poll<T> pending() {
            return (Poll<T>) Pending.INSTANCE;
        }

        /** Done with {@code value} (may be null). */
        static <T> Poll<T> ready(T value) {
            return new Ready<>(value);
        }

        /** Not done: call the step again after {@code delay}, like {@code await asyncio.sleep(delay)}. */
        static <T> Poll<T> sleep(Duration delay) {
            Checks.nonNegativeNanos(delay, "delay");
            return new Sleep<>(delay);
        }

        /** See {@link #pending()}. */
        record Pending<T>() implements Poll<T> {
            static final Pending<?> INSTANCE = new Pending<>();
        }

        /** See {@link #ready(Object)}. */
        record Ready<T>(T value) implements Poll<T> {
        }

        /** See {@link #sleep(Duration)}. */
        record Sleep<T>(Duration delay) implements Poll<T> {
        }
    }

    /**
     * A task running on an {@link EventLoop}. Its methods must be called from the loop's thread (or, when
     * the loop is not running, the thread using it).
     *
     * @param <T> the result type
     */
    interface StepTask<T> {

        /** The name given to {@link EventLoop#spawn}. */
        String name();

        /** Whether the task returned ready, failed or was cancelled. */
        boolean isDone();

        /**
         * Cancels the task if it is not done: its step is not called again. A step that cancels its own
         * task finishes its current call, whose result is then ignored.
         *
         * @return whether this call cancelled it
         */
        boolean cancel();

        /**
         * How the task ended; reading it counts as observing a failure.
         *
         * @throws IllegalStateException if the task is not done yet
         */
        Outcome<T> outcome();

        /**
         * The task's value.
         *
         * @throws CompletionException   wrapping the step's exception if it failed
         * @throws CancellationException if it was cancelled
         * @throws IllegalStateException if it is not done yet
         */
        default T result() {
            return outcome().getOrThrow();
        }
    }

    /** A scheduled callback, which can be cancelled until it runs. Loop thread only. */
    interface Timer {

        /**
         * Stops the callback from running.
         *
         * @return whether it was still scheduled (false if it already ran or was cancelled)
         */
        boolean cancel();

        /** Whether {@link #cancel()} stopped it. */
        boolean isCancelled();
    }
}
