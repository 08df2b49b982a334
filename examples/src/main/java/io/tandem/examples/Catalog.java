package io.tandem.examples;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every runnable example: the seed articles' threading, queue, futures, asyncio and multiprocessing
 * examples ported to Java and Tandem, in the order of the articles. {@code tandem examples} lists them and runs them by
 * name; the tests run each one and check what it prints.
 *
 * {@snippet :
 * Catalog.find("producer-consumer").orElseThrow().main().run(System.out);
 * }
 *
 * <p>Each example is offline: those that fetch start their own server on 127.0.0.1, those that write
 * files write them to a temporary directory they delete. Each takes well under three seconds, except
 * those that start worker JVMs ({@code process-*}, {@code fetch-parse}): a few seconds.
 *
 * <p>Thread safety: the catalog is immutable; examples may run one after another or at the same time.
 */
public final class Catalog {
    private static final List<Example> ALL = List.of(
            new Example("downloads", "000+004",
                    "download files concurrently from a local server: a thread each, then a Scope",
                    Downloads::run),
            new Example("factorials", "000",
                    "factorials on threads vs sequentially, with the times; Pools.threads(3).map",
                    Factorials::run),
            new Example("producer-consumer", "000",
                    "producer and consumer: a queue with a poison pill, then a Channel and close()",
                    ProducerConsumer::run),
            new Example("streaming", "000",
                    "the async generator: a virtual thread feeding a rendezvous Channel; stopping early",
                    Streaming::run),
            new Example("process-map", "000+004",
                    "multiprocessing.Pool().map(calculate_square, ...) and process_data: ProcessPool.map",
                    ProcessSquares::run),
            new Example("fetch-parse", "001",
                    "fetch pages on virtual threads, parse them with a regex in a ProcessPool",
                    FetchParse::run),
            new Example("print-numbers", "002",
                    "print_numbers on a Thread, then submitted to a pool and awaited",
                    PrintNumbers::run),
            new Example("process-print-numbers", "002",
                    "multiprocessing.Process(target=print_numbers): Processes.run, child output forwarded",
                    ProcessPrintNumbers::run),
            new Example("event-loop", "003",
                    "the generator-based event loop: step tasks on an EventLoop in virtual time",
                    GeneratorEventLoop::run),
            new Example("unsafe-counter", "003+004",
                    "lost updates on a shared counter; fixed with ReentrantLock, AtomicLong, LongAdder",
                    UnsafeCounter::run),
            new Example("gather", "003",
                    "asyncio.gather of tasks: virtual threads with Tasks.gather, then a Scope",
                    Gather::run),
            new Example("threadpool-map", "004",
                    "ThreadPoolExecutor(max_workers=3).map over five workers: Pools.threads(3).map",
                    ThreadPoolMap::run),
            new Example("content-length", "004+000",
                    "fetch three sites concurrently from a local server and print their lengths",
                    ContentLength::run),
            new Example("task-queue", "004",
                    "worker threads on a task queue: Channel taskDone/awaitDone, close(), priorities",
                    TaskQueue::run),
            new Example("limited-resource", "004",
                    "a Semaphore(2) limits five workers: Limiter permits in try-with-resources",
                    LimitedResource::run),
            // the I/O batteries (module io): aiohttp, aiofiles, aiomysql and seed 001's pipeline
            new Example("fetch-websites", "000",
                    "aiohttp: fetch several sites concurrently with Fetch (local server), print the first 50 chars",
                    io.tandem.examples.io.FetchWebsitesExample::run),
            new Example("content-lengths", "004",
                    "aiohttp + gather: content length of several URLs with Fetch.getAll",
                    io.tandem.examples.io.ContentLengthsExample::run),
            new Example("hello-server", "004",
                    "the aiohttp web server: GET / and GET /{name} on Tandem's HttpServer",
                    io.tandem.examples.io.HelloServerExample::run),
            new Example("async-files", "000",
                    "aiofiles: write and read many files concurrently with ParallelFiles",
                    io.tandem.examples.io.AsyncFileIoExample::run),
            new Example("async-db", "000",
                    "aiomysql fetch_data(pool): concurrent queries through a Database pool (H2)",
                    io.tandem.examples.io.AsyncDbQueryExample::run),
            new Example("fetch-then-parse", "001",
                    "fetch pages on virtual threads, parse them with a CPU-bound regex on a thread pool",
                    io.tandem.examples.io.FetchThenParseExample::run),
            new Example("process-primes", "004",
                    "ProcessPoolExecutor prime finder; sequential vs threads vs processes, with the times",
                    ProcessPrimes::run),
            new Example("cluster-primes", "004",
                    "the same prime finder on ClusterPool.local(3): three member JVMs, the code unchanged",
                    ClusterPrimes::run),
            new Example("process-queue", "000",
                    "multiprocessing.Queue between a producer and a consumer process: a ProcessChannel, closed, no poison pill",
                    ProcessQueue::run),
            new Example("process-counter", "004",
                    "Value('i') + get_lock() across 4 processes: SharedLong, its lock, lost updates, atomics",
                    SharedCounter::run),
            // chunked data (module data): seed 004's DataFrame chunks in a ProcessPoolExecutor
            new Example("chunk-means", "004",
                    "DataFrame chunks in a ProcessPoolExecutor: frame.chunks(100_000).map on a ProcessPool, then Chunks over shared memory",
                    io.tandem.examples.data.ChunkMeansExample::run),
            new Example("log-stats", "004",
                    "a log file aggregated in parallel chunks: requests per status and mean latency with Frame.groupBy",
                    io.tandem.examples.data.LogStatsExample::run),
            // GPU arrays (module gpu): the seed's Numba/CuPy example, on the GPU when there is one, else the CPU
            new Example("gpu-square", "002",
                    "square(x_cpu) and square(x_gpu): an ElementwiseKernel on Gpu.cpu() and Gpu.best()",
                    GpuSquare::run),
            new Example("gpu-saxpy", "002",
                    "z = a * x + y over a million floats: fused operators and an ElementwiseKernel, checked",
                    GpuSaxpy::run),
            new Example("gpu-sum-of-squares", "002",
                    "the sum of squares of a million numbers: a ReductionKernel and the fused x.dot(x)",
                    GpuSumOfSquares::run));

    private Catalog() {
    }

    /** Every example, in the order of the seed articles. */
    public static List<Example> all() {
        return ALL;
    }

    /** The example called {@code name}, if there is one. */
    public static Optional<Example> find(String name) {
        Objects.requireNonNull(name, "name");
        return ALL.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** The names of every example, comma-separated (for error messages). */
    public static String names() {
        return ALL.stream().map(Example::name).collect(Collectors.joining(", "));
    }
}
