package io.tandem.bench;

import io.tandem.Pools;
import io.tandem.TaskPool;
import io.tandem.process.ProcessPool;
import io.tandem.process.SharedArray;
import io.tandem.process.SharedLongArray;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * Chunked data: the mean of a numeric column of N rows split into 10 chunks, each chunk's sum computed by
 * one task and the sums combined exactly: seed 004's {@code DataFrame} split into row chunks and
 * {@code ProcessPoolExecutor.map(process_chunk, chunks)}. The column is {@code long}s (the DataFrame's
 * int64), {@link Workloads#columnValue} of the row, and the answer is the exact mean rounded half-even to 6
 * places, the same string in Java and Python.
 *
 * <p>The work per row is one addition, so the scenario measures what it costs to get the data to the
 * tasks. In-JVM models share the chunks by reference. {@code process-copy} sends each chunk to a worker
 * JVM with its task, as the seed pickles each DataFrame slice; {@code process-shared} puts the column once
 * in a {@link SharedLongArray} (a file in {@code /dev/shm}) and sends each task only its row bounds, so
 * no row is copied.
 *
 * <p>As in the seed, the column is built before anything is timed: the chunks once per JVM and size (kept
 * until {@link #close}), the shared array once per {@code process-shared} model (freed by
 * {@link #release}). Runs are sequential and the scenario object is only touched by the harness thread;
 * the methods that touch the cached data are {@code synchronized} for safety, not for speed.
 */
final class MeanColumnScenario implements Scenario {
    static final int CHUNKS = 10;

    private final WarmProcessPool processes = new WarmProcessPool(() -> ProcessPool.create(Workloads.cores()));
    private int builtSize = -1;
    private List<long[]> chunks;
    private SharedLongArray shared;

    @Override
    public String name() {
        return "mean-column";
    }

    @Override
    public String description() {
        return "mean of an N-row long column in 10 chunks, one task per chunk sum (seed 004's DataFrame chunks)";
    }

    @Override
    public String unit() {
        return "rows";
    }

    @Override
    public int size(Mode mode) {
        return mode == Mode.QUICK ? 2_000_000 : 10_000_000;
    }

    /**
     * Twenty timed runs at most: in-JVM runs take about a millisecond, so the harness would otherwise repeat
     * them until 0.5 s (QUICK) or 3 s (FULL) were timed, seconds of the scenario's budget for no better median.
     */
    @Override
    public int maxRuns() {
        return 20;
    }

    @Override
    public List<Model> models() {
        return List.of(Model.DIRECT, Model.THREADS, Model.VIRTUAL, Model.JDK_FORKJOIN, Model.PROCESS_COPY,
                Model.PROCESS_SHARED, Model.PY_SEQUENTIAL, Model.PY_THREADS, Model.PY_POOL, Model.PY_PROCESSES);
    }

    @Override
    public Object expected(int size) {
        return Workloads.mean6(Workloads.columnSum(size), size);
    }

    @Override
    public String pythonScript() {
        return "mean_column.py";
    }

    @Override
    public Object run(Model model, int size) throws Exception {
        List<long[]> data = chunks(size);
        List<Long> sums = switch (model.id()) {
            case "direct" -> tandem(Pools.direct(), data);
            case "threads" -> tandem(Pools.threads(), data);
            case "virtual" -> tandem(Pools.virtual(), data);
            case "jdk-forkjoin" -> {
                // the common idiom: a parallel stream, run inside its own pool rather than the common one
                try (ForkJoinPool fj = new ForkJoinPool(Workloads.cores())) {
                    yield fj.submit(() -> data.parallelStream().map(Workloads::sum).toList()).get();
                }
            }
            case "process-copy" -> processes.get().map(Workloads::sum, data, 1);
            case "process-shared" -> {
                SharedLongArray column = shared(size);
                // the function (and the handle of the array it captures) travels once per worker; items are bounds
                yield processes.get().map(b -> sum(column, b[0], b[1]), Workloads.ranges(size, CHUNKS), 1);
            }
            default -> throw new UnsupportedOperationException(name() + " has no Java model " + model.id());
        };
        long total = 0;
        for (long s : sums) {
            total += s;
        }
        return Workloads.mean6(total, size);
    }

    private static List<Long> tandem(TaskPool pool, List<long[]> data) {
        try (pool) {
            return pool.map(Workloads::sum, data, 1);
        }
    }

    /**
     * Rows {@code [from, to)} of the shared column, read in the worker that attached it. The rows were
     * written before the task was sent, and sending it is a system call on a socket, so the worker sees
     * them. {@code get} is the array's only read (a checked volatile load, a plain load on x86): about a
     * nanosecond a row, still far cheaper than copying the row to the worker.
     */
    private static long sum(SharedLongArray column, long from, long to) {
        long s = 0;
        for (int i = (int) from; i < to; i++) {
            s += column.get(i);
        }
        return s;
    }

    /** The column as {@link #CHUNKS} arrays (the seed's {@code df[i:i+step]} slices), built once per size. */
    private synchronized List<long[]> chunks(int size) {
        if (builtSize != size) {
            List<long[]> out = new ArrayList<>(CHUNKS);
            for (long[] b : Workloads.ranges(size, CHUNKS)) {
                long[] chunk = new long[(int) (b[1] - b[0])];
                for (int i = 0; i < chunk.length; i++) {
                    chunk[i] = Workloads.columnValue(b[0] + i);
                }
                out.add(chunk);
            }
            chunks = out;
            builtSize = size;
        }
        return chunks;
    }

    /** The same column in shared memory, filled from the chunks on first use by the model. */
    private synchronized SharedLongArray shared(int size) {
        if (shared != null && shared.length() != size) {
            shared.close();
            shared = null;
        }
        if (shared == null) {
            SharedLongArray column = SharedArray.ofLongs(size);
            int row = 0;
            for (long[] chunk : chunks(size)) {
                for (long v : chunk) {
                    column.set(row++, v);
                }
            }
            shared = column;
        }
        return shared;
    }

    /** Stops the workers and deletes the shared column, so no process or {@code /dev/shm} file outlives a model. */
    @Override
    public synchronized void release(Model model) {
        try {
            processes.close();
        } finally {
            if (shared != null) {
                shared.close();
                shared = null;
            }
        }
    }

    /** Drops the chunks (80 MB at FULL size). */
    @Override
    public synchronized void close() {
        chunks = null;
        builtSize = -1;
    }
}
