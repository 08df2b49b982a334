package io.tandem.bench;

import io.tandem.Pools;
import io.tandem.TaskPool;
import io.tandem.io.Fetch;
import io.tandem.io.FetchResult;
import io.tandem.process.ProcessPool;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * I/O-bound: download N pages of 2-4 KB from a local server that answers each after
 * {@value LatencyServer#PAGE_LATENCY_MILLIS} ms (seeds 000, 001 and 004: {@code urllib} downloads on a
 * thread pool, {@code aiohttp} + {@code asyncio.gather}, {@code multiprocessing.Pool}). The answer is a
 * checksum over all pages (their bytes plus the number each carries), which {@link #expected} computes
 * from the page generator without HTTP. What it shows: blocking I/O on a few platform threads or worker
 * processes costs N / workers latencies; a thread per request costs about one.
 *
 * <p>The server ({@link LatencyServer}) starts on the first run or Python model and is shared by every
 * model and the Python script (through {@code TANDEM_BENCH_URL}); {@link #close()} stops it. The
 * {@code direct}, {@code threads}, {@code virtual} and {@code jdk-*} models share one keep-alive
 * {@link java.net.http.HttpClient} per JVM, and each worker JVM of {@code process} has its own; only the
 * {@code fetch} model builds (and closes) its client per run, as a user of {@link Fetch} would.
 *
 * <p>Runs are sequential; the warm process pool and the server are guarded by their own locks.
 */
final class DownloadScenario implements Scenario {
    /** Requests the {@code fetch} model allows on the wire: {@link Fetch}'s default overall limit. */
    static final int FETCH_CONCURRENCY = 64;

    private final LatencyServer server = new LatencyServer();
    private final WarmProcessPool processes = new WarmProcessPool(() -> ProcessPool.create(Workloads.cores()));

    @Override
    public String name() {
        return "download";
    }

    @Override
    public String description() {
        return "download N pages (2-4 KB) from a local server with " + LatencyServer.PAGE_LATENCY_MILLIS
                + " ms latency; answer = bytes + numbers in the pages";
    }

    @Override
    public String unit() {
        return "pages";
    }

    /*
     * Quick: 12 pages. The scenario's cost is dominated by fixed parts (at least one warm-up run per Java
     * model, starting the worker JVMs of process, Python start-up) and by the models bound to one
     * or two workers (direct and py-sequential: 0.2-0.3 s a run, four runs), so more pages would not fit
     * the quick budget. Full: 150 pages, at most 3 timed runs (maxRuns) to stay under 40 s: direct alone
     * is 4 x 1.5 s (a warm-up and 3 runs), py-sequential 3 x 1.5 s.
     */
    @Override
    public int size(Mode mode) {
        return mode == Mode.QUICK ? 12 : 150;
    }

    @Override
    public int maxRuns() {
        return 3;
    }

    @Override
    public List<Model> models() {
        return List.of(Model.DIRECT, Model.THREADS, Model.VIRTUAL, Model.PROCESS, Model.FETCH, Model.JDK_FIXED,
                Model.JDK_VIRTUAL, Model.PY_SEQUENTIAL, Model.PY_THREADS, Model.PY_ASYNCIO, Model.PY_POOL);
    }

    @Override
    public Object expected(int size) {
        return LatencyServer.expectedPages(size);
    }

    @Override
    public String pythonScript() {
        return "download.py";
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
            urls.add(base + "page/" + i);
        }
        List<Long> sums = switch (model.id()) {
            case "direct" -> tandem(Pools.direct(), urls);
            case "threads" -> tandem(Pools.threads(), urls);
            case "virtual" -> tandem(Pools.virtual(), urls);
            // the workers fetch the pages themselves; only URLs and checksums travel
            case "process" -> processes.get().map(DownloadScenario::checksum, urls, 1);
            case "fetch" -> fetch(urls);
            case "jdk-fixed" -> jdk(Executors.newFixedThreadPool(Workloads.cores()), urls);
            case "jdk-virtual" -> jdk(Executors.newVirtualThreadPerTaskExecutor(), urls);
            default -> throw new UnsupportedOperationException(name() + " has no Java model " + model.id());
        };
        return sums.stream().mapToLong(Long::longValue).sum();
    }

    private static long checksum(String url) {
        return LatencyServer.pageChecksum(LatencyServer.get(url));
    }

    private static List<Long> tandem(TaskPool pool, List<String> urls) {
        try (pool) {
            return pool.map(DownloadScenario::checksum, urls, 1);
        }
    }

    private static List<Long> jdk(ExecutorService ex, List<String> urls) throws Exception {
        try (ex) {
            List<Future<Long>> futures = new ArrayList<>(urls.size());
            for (String url : urls) {
                futures.add(ex.submit(() -> checksum(url)));
            }
            List<Long> out = new ArrayList<>(urls.size());
            for (Future<Long> f : futures) {
                out.add(f.get());
            }
            return out;
        }
    }

    /*
     * Fetch's per-host limit (default 8, polite to real servers) is lifted to its overall limit: the only
     * host is ours, and 8 would make this model measure the limit rather than the battery.
     */
    private static List<Long> fetch(List<String> urls) {
        try (Fetch fetch = Fetch.builder().concurrency(FETCH_CONCURRENCY).perHost(FETCH_CONCURRENCY).build()) {
            List<Long> out = new ArrayList<>(urls.size());
            for (FetchResult r : fetch.getAll(urls)) {
                if (!r.ok()) {
                    throw new IllegalStateException("fetch failed: " + r);
                }
                out.add(LatencyServer.pageChecksum(r.body()));
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
