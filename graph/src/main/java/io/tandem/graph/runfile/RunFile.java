package io.tandem.graph.runfile;

import io.tandem.RetryPolicy;
import io.tandem.graph.FailurePolicy;
import io.tandem.graph.GraphException;
import io.tandem.graph.TaskBuilder;
import io.tandem.graph.TaskGraph;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A run file: tasks for the command line ({@code tandem run FILE}), in YAML (JSON accepted, being
 * YAML 1.2).
 *
 * {@snippet lang=yaml :
 * resources: {cpu: 2, net: 4}      # capacities of named resources
 * workers: 4                       # worker threads (default: processors)
 * policy: keep-going               # or fail-fast
 * tasks:
 *   compile:
 *     run: javac -d out src/*.java # a shell command (sh -c), with optional env and workdir
 *     env: {LANG: C}
 *     workdir: app
 *     resources: {cpu: 1}
 *     retries: 2                   # attempts after the first (default 0)
 *     backoff: 200ms               # wait before the first retry, doubling each time up to 16x
 *     jitter: 0.5                  # each wait shortened at random by up to half of itself
 *     timeout: 5m
 *   page:
 *     fetch: http://127.0.0.1:8000/index.html   # a URL saved to a file
 *     to: out/index.html
 *     needs: [compile]
 *     priority: 10
 * }
 *
 * <p>Relative {@code workdir} and {@code to} paths are resolved against the run file's directory. A
 * shell task succeeds when its command exits with status 0 and yields its output (the last 4 KiB); on
 * cancellation or timeout its whole process tree is killed. A fetch task streams the body to the file
 * and fails on a status of 400 or more. A task with {@code retries:} is retried after any failure (a
 * non-zero exit status, a timeout, an HTTP error) as its {@link TaskDef#retry() RetryPolicy} says;
 * {@code backoff:} and {@code jitter:} apply only with {@code retries:}.
 *
 * <p>What a run file may not do, each refused with a {@link RunFileException} that names the line and
 * column (nothing runs): give a key twice in one mapping, at any level (YAML would silently keep only the
 * last, so a second {@code tasks:} would drop the first block's tasks; the message names both lines);
 * exceed {@link #MAX_FILE_BYTES} or nest lists and mappings deeper than {@link #MAX_NESTING_DEPTH}; hold
 * bytes that are not UTF-8 text; declare no task; leave {@code run:} or {@code to:} empty; ask for more
 * than 10,000 workers, more than 1,000 retries, or a duration outside 1ms..720h (30 days).
 *
 * <p>Thread safety: immutable once parsed; {@link #toGraph()} builds a new graph each call.
 */
public final class RunFile {
    /** The largest run file read, in bytes (and in characters, for {@link #parse(String, String, Path)}). */
    public static final int MAX_FILE_BYTES = 8 * 1024 * 1024;

    /**
     * How deep lists and mappings may nest; a run file needs 4 (top level, tasks, a task, its env). The
     * cap keeps a hostile file ({@code [[[[...}) from overflowing the parser's stack.
     */
    public static final int MAX_NESTING_DEPTH = 64;

    /**
     * One task of a run file; exactly one of {@code run} and {@code fetch} is set.
     *
     * @param retry how a failed attempt is retried ({@link RetryPolicy#NONE} without {@code retries:})
     * @param line  1-based line of the task's name, for messages
     */
    public record TaskDef(String name, String run, Map<String, String> env, String workdir, String fetch, String to,
                          List<String> needs, int priority, Map<String, Integer> resources, RetryPolicy retry,
                          Duration timeout, int line) {

        /** The retries after the first attempt ({@code retries:}, 0 when none). */
        public int retries() {
            return retry.maxRetries();
        }
    }

    private final String source;
    private final Path baseDir;
    private final List<TaskDef> tasks;
    private final Map<String, Integer> resources;
    private final int workers;
    private final FailurePolicy policy;

    RunFile(String source, Path baseDir, List<TaskDef> tasks, Map<String, Integer> resources, int workers,
                   FailurePolicy policy) {
        this.source = source;
        this.baseDir = baseDir;
        this.tasks = List.copyOf(tasks);
        this.resources = Map.copyOf(resources);
        this.workers = workers;
        this.policy = policy;
    }

    /**
     * Reads and checks {@code file}.
     *
     * @throws RunFileException naming the line, column and what was expected, for every file that is not
     *                          a valid run file: malformed YAML, a directory, a binary or non-UTF-8 file, one
     *                          over the limits, a wrong key or value
     * @throws IOException      only when the file cannot be read at all (missing, no permission)
     */
    public static RunFile parse(Path file) throws IOException {
        String text = RunFileText.read(file);
        Path dir = file.toAbsolutePath().getParent();
        return parse(text, file.toString(), dir);
    }

    /**
     * Parses {@code text}; {@code source} names it in messages; relative paths resolve against {@code baseDir}.
     * Throws {@link RunFileException}, and no other exception, for any text that is not a valid run file.
     */
    public static RunFile parse(String text, String source, Path baseDir) {
        return RunFileParser.parse(text, source, baseDir);
    }

    public String source() {
        return source;
    }

    public Path baseDir() {
        return baseDir;
    }

    public List<TaskDef> tasks() {
        return tasks;
    }

    /** Resource capacities. */
    public Map<String, Integer> resources() {
        return resources;
    }

    /** Worker threads asked for, 0 for the default. */
    public int workers() {
        return workers;
    }

    public FailurePolicy policy() {
        return policy;
    }

    /** A graph of shell and fetch tasks, validated. */
    public TaskGraph toGraph() {
        TaskGraph g = TaskGraph.create();
        for (TaskDef t : tasks) {
            TaskBuilder b = g.task(t.name()).needs(t.needs().toArray(String[]::new)).priority(t.priority());
            try {
                t.resources().forEach(b::resource);
                b.retry(t.retry());
                if (t.timeout() != null) {
                    b.timeout(t.timeout());
                }
                b.call(RunFileTasks.function(t, baseDir));
            } catch (IllegalArgumentException e) {
                throw new RunFileException(source, t.line(), 3, "tasks." + t.name() + ": " + e.getMessage());
            }
        }
        try {
            g.validate();
        } catch (GraphException e) {
            String about = e.task();
            String msg = e.getMessage();
            if (about == null && msg.startsWith("cycle: ")) {
                about = msg.substring(7, msg.indexOf(" -> "));
            }
            for (TaskDef t : tasks) {
                if (t.name().equals(about)) {
                    throw new RunFileException(source, t.line(), 3, msg);
                }
            }
            throw new RunFileException(source, 0, 0, msg);
        }
        return g;
    }
}
