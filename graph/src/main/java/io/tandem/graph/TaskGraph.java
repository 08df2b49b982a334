package io.tandem.graph;

import io.tandem.function.SerializableBiFunction;
import io.tandem.function.SerializableCallable;
import io.tandem.function.SerializableFunction;
import io.tandem.graph.internal.Analysis;
import io.tandem.graph.internal.Engine;
import io.tandem.graph.internal.Spec;
import io.tandem.graph.internal.TaskBuilderImpl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A graph of named tasks with dependencies, run by a priority scheduler over any pool: Python's
 * task queues with priorities and dependencies (Dask, Ray, Airflow) for the JVM.
 *
 * {@snippet :
 * TaskGraph g = TaskGraph.create();
 * TaskRef<String> src = g.add("fetch", () -> download(url));
 * TaskRef<Integer> words = g.add("count", src, text -> text.split("\\s+").length);
 * TaskRef<Integer> lines = g.add("lines", src, text -> text.split("\n").length);
 * TaskRef<String> report = g.add("report", words, lines, (w, l) -> w + " words, " + l + " lines");
 * try (TaskPool pool = Pools.threads(4)) {
 *     RunResult r = g.run(RunOptions.builder().pool(pool).build());
 *     System.out.println(r.value(report));
 * }
 * }
 *
 * <p>A task receives its dependencies' results through its {@link TaskContext} (typed by
 * {@link TaskRef}), and may have a priority, resource needs, retries, a timeout, a pool and a skip
 * condition ({@link TaskBuilder}). Scheduling: among ready tasks, higher priority first, then the
 * longer critical path, then the order added; a task starts only when its resources are free and its
 * pool has a free worker (a lower-priority task may start first only when the higher one does not fit
 * what is free). Running tasks may add tasks ({@link TaskContext#add}).
 *
 * <p>Validation: a duplicate name fails at once when added; {@link #validate(RunOptions)} (run by
 * {@link #run} and {@link #start} before anything runs) reports a cycle with its path
 * ({@code a -> b -> c -> a}), a dependency on an unknown task, an undeclared resource or pool, and a
 * need larger than the declared capacity, each as a {@link GraphException}.
 *
 * <p>Thread safety: building (adding tasks) is for one thread at a time and must happen-before
 * {@link #run}; a graph may be run several times, each run with fresh state. The scheduler keeps no
 * thread of its own: it runs on the threads that start the run and complete tasks, and spends about a
 * microsecond per task.
 */
public final class TaskGraph {
    private final List<Spec> specs = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();

    private TaskGraph() {
    }

    /** An empty graph. */
    public static TaskGraph create() {
        return new TaskGraph();
    }

    /** Starts describing a task; {@link TaskBuilder#call} adds it. */
    public TaskBuilder task(String name) {
        if (name != null && index.containsKey(name)) {
            throw new GraphException(name, "duplicate task name; every task in a graph needs its own name");
        }
        return new TaskBuilderImpl(name, this::addSpec);
    }

    private void addSpec(Spec spec) {
        if (index.putIfAbsent(spec.name(), specs.size()) != null) {
            throw new GraphException(spec.name(), "duplicate task name; every task in a graph needs its own name");
        }
        specs.add(spec);
    }

    /** Adds a task without dependencies. */
    public <R> TaskRef<R> add(String name, SerializableCallable<R> fn) {
        return task(name).call(fn);
    }

    /** Adds a task that receives the result of {@code dep}. */
    public <A, R> TaskRef<R> add(String name, TaskRef<A> dep, SerializableFunction<? super A, ? extends R> fn) {
        Objects.requireNonNull(fn, "fn");
        return task(name).needs(dep).call(ctx -> fn.apply(ctx.input(dep)));
    }

    /** Adds a task that receives the results of {@code a} and {@code b}. */
    public <A, B, R> TaskRef<R> add(String name, TaskRef<A> a, TaskRef<B> b,
                                    SerializableBiFunction<? super A, ? super B, ? extends R> fn) {
        Objects.requireNonNull(fn, "fn");
        return task(name).needs(a, b).call(ctx -> fn.apply(ctx.input(a), ctx.input(b)));
    }

    /** The number of tasks. */
    public int size() {
        return specs.size();
    }

    /** The task names in the order added. */
    public List<String> names() {
        return specs.stream().map(Spec::name).toList();
    }

    /** Checks the graph's structure (unknown dependencies, cycles); throws {@link GraphException}. */
    public void validate() {
        Analysis.of(specs, index);
    }

    /** Checks the graph against a run's resources and pools too. */
    public void validate(RunOptions options) {
        Analysis a = Analysis.of(specs, index);
        java.util.Set<String> pools = new java.util.HashSet<>(options.pools().keySet());
        pools.add(RunOptions.DEFAULT_POOL);
        a.checkRun(options.resources(), pools);
    }

    /** The plan: a priority-aware topological order and the critical path. */
    public Plan plan() {
        return Analysis.of(specs, index).plan();
    }

    /** Runs with default options and waits: see {@link #run(RunOptions)}. */
    public RunResult run() throws InterruptedException {
        return run(RunOptions.defaults());
    }

    /**
     * Validates, runs every task and waits for all to reach their final state. An interrupt while
     * waiting cancels the run, waits for the running tasks to stop, and rethrows.
     */
    public RunResult run(RunOptions options) throws InterruptedException {
        GraphRun run = start(options);
        try {
            return run.await();
        } catch (InterruptedException e) {
            run.cancel();
            boolean done = false;
            while (!done) {
                try {
                    run.await();
                    done = true;
                } catch (InterruptedException again) {
                    // keep waiting: no task may outlive the run
                }
            }
            throw e;
        }
    }

    /** Validates and starts a run; returns at once (roots may already be running). */
    public GraphRun start(RunOptions options) {
        Objects.requireNonNull(options, "options");
        Analysis a = Analysis.of(specs, index);
        return new Engine(List.copyOf(specs), a, options).start();
    }
}
