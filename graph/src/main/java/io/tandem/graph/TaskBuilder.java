package io.tandem.graph;

import io.tandem.RetryPolicy;
import io.tandem.function.SerializablePredicate;
import io.tandem.function.SerializableCallable;
import io.tandem.function.SerializableFunction;

import java.time.Duration;
import java.util.Collection;

/**
 * Describes one task before it is added: its dependencies and options, then its function, which
 * adds it ({@link #call(SerializableFunction)} returns its {@link TaskRef}).
 *
 * {@snippet :
 * TaskRef<byte[]> img = graph.task("render")
 *         .needs(scene)
 *         .priority(10)
 *         .resource("gpu", 1)
 *         .retry(RetryPolicy.attempts(3).backoff(Duration.ofMillis(200)).jitter(0.5))
 *         .timeout(Duration.ofMinutes(2))
 *         .pool("process")
 *         .skipIf(ctx -> ctx.input(scene) == null)
 *         .call(ctx -> render(ctx.input(scene)));
 * }
 *
 * <p>Options: {@code priority} (higher first among ready tasks, default 0); {@code resource} (units of a
 * named counter declared on the run with {@link RunOptions.Builder#resource}; the task starts only
 * when they are free); {@code retry} (default {@link RetryPolicy#NONE}; backoff, jitter,
 * exception types and predicate as the policy says); {@code timeout} (per attempt;
 * interrupts the attempt); {@code pool} (a pool name declared on the run, default
 * {@link RunOptions#DEFAULT_POOL}); {@code skipIf} (a condition on the task's context, evaluated
 * when its dependencies have succeeded: when it holds the task and its dependents are skipped).
 *
 * <p>Thread safety: a builder is used by one thread; {@link #call} checks the name, argument values and
 * (for tasks added while running) the dependencies, and throws {@link GraphException} or
 * {@link IllegalArgumentException} naming the problem.
 */
public interface TaskBuilder {

    /** Depends on these tasks: this task starts after they all succeed and receives their results. */
    TaskBuilder needs(TaskRef<?>... deps);

    /** Depends on these tasks. */
    TaskBuilder needs(Collection<? extends TaskRef<?>> deps);

    /** Depends on the tasks with these names (which may be added later, before the run). */
    TaskBuilder needs(String... names);

    /** Priority among ready tasks: higher first, then the longer critical path. */
    TaskBuilder priority(int priority);

    /** Needs {@code units} of the resource {@code name} while it runs. */
    TaskBuilder resource(String name, int units);

    /** How the task is retried when an attempt fails (a timeout counts as a failure). */
    TaskBuilder retry(RetryPolicy retry);

    /** Shorthand for {@code retry(RetryPolicy.retries(retries))}: no backoff, every exception retried. */
    default TaskBuilder retries(int retries) {
        return retry(RetryPolicy.retries(retries));
    }

    /** The time limit of each attempt. */
    TaskBuilder timeout(Duration timeout);

    /** The pool (declared on the run) that runs it. */
    TaskBuilder pool(String poolName);

    /** Skips the task (and its dependents) when this holds for its context. */
    TaskBuilder skipIf(SerializablePredicate<TaskContext> condition);

    /** Adds the task with a function of its context (inputs, attempt, dynamic adds). */
    <R> TaskRef<R> call(SerializableFunction<TaskContext, R> fn);

    /** Adds the task with a function that needs no inputs. */
    <R> TaskRef<R> call(SerializableCallable<R> fn);
}
