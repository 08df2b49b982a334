package io.tandem.bench;

import io.tandem.Pools;
import io.tandem.Task;
import io.tandem.TaskPool;
import io.tandem.process.ProcessPool;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Seed 001's "CPU-bound step after I/O": fetch N documents (~128 KB) from a local server that answers
 * each after {@value LatencyServer#DOC_LATENCY_MILLIS} ms, then run a regex over each that costs about as
 * much CPU as the latency ({@link LatencyServer#META_REGEX}). The answer (matches and the sum of their
 * captured numbers) comes from the document generator without HTTP or regex.
 *
 * <p>What it shows: Python needs processes for the regex (the GIL serialises it on threads and asyncio)
 * and pays for pickling pages or for worker start-up; in Java the fetches overlap on virtual threads and
 * the parses spread over the cores in the same process. {@code virtual+threads} is the idiomatic split
 * (unbounded virtual threads wait, a core-sized pool computes); {@code virtual} and {@code jdk-virtual}
 * parse on the virtual threads themselves, which is just as fast here because the JDK scheduler also
 * has one carrier per core, and {@code process} is seed 001 itself (the worker JVMs fetch and parse).
 *
 * <p>The server is shared as in {@link DownloadScenario} (same class, the {@code /doc/} route) and stopped
 * by {@link #close()}. Runs are sequential.
 */
final class FetchParseScenario implements Scenario {
    private final LatencyServer server = new LatencyServer();
    private final WarmProcessPool processes = new WarmProcessPool(() -> ProcessPool.create(Workloads.cores()));

    @Override
    public String name() {
        return "fetch-parse";
    }

    @Override
    public String description() {
        return "fetch N documents (128 KB, " + LatencyServer.DOC_LATENCY_MILLIS
                + " ms latency) and run a meta-tag regex over each (~4 ms of CPU in Java)";
    }

    @Override
    public String unit() {
        return "documents";
    }

    /*
     * Quick: 12 documents (about 0.06 s of latency and 0.05 s of Java parsing sequentially): as in
     * download, the fixed costs dominate the quick budget. Full: 60, at most 3 timed runs.
     */
    @Override
    public int size(Mode mode) {
        return mode == Mode.QUICK ? 12 : 60;
    }

    @Override
    public int maxRuns() {
        return 3;
    }

    @Override
    public List<Model> models() {
        return List.of(Model.DIRECT, Model.THREADS, Model.VIRTUAL, Model.PROCESS, Model.VIRTUAL_THREADS,
                Model.JDK_VIRTUAL, Model.PY_SEQUENTIAL, Model.PY_THREADS, Model.PY_POOL, Model.PY_ASYNCIO);
    }

    @Override
    public Object expected(int size) {
        return LatencyServer.expectedDocs(size);
    }

    @Override
    public String pythonScript() {
        return "fetch_parse.py";
    }

    @Override
    public Map<String, String> pythonEnv(int size) {
        return Map.of(LatencyServer.URL_ENV, server.baseUrl());
    }

    @Override
    public Object run(Model model, int size) throws Exception {
        String base = server.baseUrl();
        List<String> urls = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            urls.add(base + "doc/" + i);
        }
        List<LatencyServer.Meta> metas = switch (model.id()) {
            case "direct" -> tandem(Pools.direct(), urls);
            case "threads" -> tandem(Pools.threads(), urls);
            case "virtual" -> tandem(Pools.virtual(), urls);
            // seed 001: Pool.map(get_from, urls); the pages never leave the workers, only the counts do
            case "process" -> processes.get().map(FetchParseScenario::getFrom, urls, 1);
            case "virtual+threads" -> pipeline(urls);
            case "jdk-virtual" -> jdkVirtual(urls);
            default -> throw new UnsupportedOperationException(name() + " has no Java model " + model.id());
        };
        LatencyServer.Meta total = new LatencyServer.Meta(0, 0);
        for (LatencyServer.Meta m : metas) {
            total = total.plus(m);
        }
        return total.answer();
    }

    /** The seed's {@code get_from}: fetch, then the regex. */
    private static LatencyServer.Meta getFrom(String url) {
        return LatencyServer.parse(LatencyServer.get(url));
    }

    private static List<LatencyServer.Meta> tandem(TaskPool pool, List<String> urls) {
        try (pool) {
            return pool.map(FetchParseScenario::getFrom, urls, 1);
        }
    }

    /*
     * A nested submit rather than a Channel between two stages: the parse of a page starts as soon as its
     * fetch ends, results stay in input order without bookkeeping, and a virtual thread blocked in join()
     * holds no carrier. Close order: the virtual pool first (its tasks wait for their parses), then cpu.
     */
    private static List<LatencyServer.Meta> pipeline(List<String> urls) {
        try (TaskPool cpu = Pools.threads(); TaskPool io = Pools.virtual()) {
            List<Task<LatencyServer.Meta>> tasks = new ArrayList<>(urls.size());
            for (String url : urls) {
                tasks.add(io.submit(() -> {
                    byte[] page = LatencyServer.get(url);
                    return cpu.submit(() -> LatencyServer.parse(page)).join();
                }));
            }
            List<LatencyServer.Meta> out = new ArrayList<>(urls.size());
            for (Task<LatencyServer.Meta> t : tasks) {
                out.add(t.join());
            }
            return out;
        }
    }

    private static List<LatencyServer.Meta> jdkVirtual(List<String> urls) throws Exception {
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<LatencyServer.Meta>> futures = new ArrayList<>(urls.size());
            for (String url : urls) {
                futures.add(ex.submit(() -> getFrom(url)));
            }
            List<LatencyServer.Meta> out = new ArrayList<>(urls.size());
            for (Future<LatencyServer.Meta> f : futures) {
                out.add(f.get());
            }
            return out;
        }
    }

    @Override
    public void release(Model model) {
        processes.close();
    }

    @Override
    public void close() {
        server.close();
    }
}
