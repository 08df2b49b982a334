package io.tandem.bench;

import io.tandem.process.ProcessPool;

import java.util.List;

/**
 * 100k tiny tasks ({@code x*x}) through a process pool <em>unchunked</em>: {@code map(fn, items, 1)}, one
 * message per item each way, so the rate is the per-task cost of the transport and codec. Tandem pipelines
 * several tasks per worker; Python's baselines are {@code multiprocessing.Pool.map(chunksize=1)} and
 * {@code ProcessPoolExecutor.map} (one future per item). The Java pool (one worker JVM per core) is started
 * before the timed runs; Python forks its workers inside each run (a few ms of its time).
 */
final class TinyProcessScenario implements Scenario {
    private final WarmProcessPool processes = new WarmProcessPool(() -> ProcessPool.create(Workloads.cores()));

    @Override
    public String name() {
        return "tiny-process";
    }

    @Override
    public String description() {
        return "map x -> x*x over N longs on a process pool, chunk size 1 (one message per task)";
    }

    @Override
    public String unit() {
        return "tasks";
    }

    @Override
    public int size(Mode mode) {
        return mode == Mode.QUICK ? 5_000 : 100_000;
    }

    @Override
    public List<Model> models() {
        return List.of(Model.PROCESS, Model.PY_POOL_CHUNK1, Model.PY_PROCESSES);
    }

    @Override
    public Object expected(int size) {
        return Workloads.sumOfSquares(size);
    }

    @Override
    public String pythonScript() {
        return "tiny_process.py";
    }

    @Override
    public Object run(Model model, int size) throws Exception {
        if (!model.equals(Model.PROCESS)) {
            throw new UnsupportedOperationException(name() + " has no Java model " + model.id());
        }
        List<Long> squares = processes.get().map(x -> x * x, Workloads.longs(size), 1);
        long sum = 0;
        for (Long s : squares) {
            sum += s;
        }
        return sum;
    }

    @Override
    public void release(Model model) {
        processes.close();
    }
}
