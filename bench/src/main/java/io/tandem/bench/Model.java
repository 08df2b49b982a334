package io.tandem.bench;

import java.util.List;
import java.util.Optional;

/**
 * One way of running a scenario's workload: a Tandem pool, a plain JDK construct, or a Python approach
 * from the seed articles. A scenario lists the models that make sense for it and implements each Java one;
 * Python models name the approach their scenario's script runs.
 *
 * @param id          stable identifier used by {@code --models} and in JSON
 * @param kind        who provides the implementation
 * @param description what the model is, in one line
 */
public record Model(String id, Kind kind, String description) {

    /** Who provides a model's implementation. */
    public enum Kind {
        /** Tandem's sequential pool ({@code Pools.direct()}): the baseline speedups are measured against. */
        SEQUENTIAL,
        /** A Tandem pool or structure. */
        TANDEM,
        /** A plain JDK executor or queue, the baseline Tandem must match. */
        JDK,
        /** A stdlib-only Python script run with {@code python3}. */
        PYTHON
    }

    public static final Model DIRECT = new Model("direct", Kind.SEQUENTIAL, "Pools.direct(): the caller's thread, sequential");
    public static final Model THREADS = new Model("threads", Kind.TANDEM, "Pools.threads(): one platform thread per core, work-stealing");
    public static final Model VIRTUAL = new Model("virtual", Kind.TANDEM, "Pools.virtual(): one virtual thread per task");
    public static final Model SCOPE = new Model("scope", Kind.TANDEM, "Scope.open(): structured, one virtual thread per fork");
    public static final Model CHANNEL = new Model("channel", Kind.TANDEM, "Channel.bounded(1024) between two platform threads");
    public static final Model CHANNEL_UNBOUNDED = new Model("channel-unbounded", Kind.TANDEM, "Channel.unbounded() between two platform threads");
    public static final Model PROCESS = new Model("process", Kind.TANDEM,
            "ProcessPool of worker JVMs, started before the timed runs (the spawn scenario times starting)");
    public static final Model CLUSTER = new Model("cluster", Kind.TANDEM,
            "ClusterPool.local(3): three member JVMs on this machine (Hazelcast CE underneath), started before the timed runs");
    public static final Model CLUSTER_NO_KILL = new Model("cluster-no-kill", Kind.TANDEM,
            "ClusterPool.local(3), the same work with no member killed: the failover baseline");
    public static final Model PROCESS_MAP1 = new Model("process-map1", Kind.TANDEM,
            "ProcessPool, 1 worker, pipelineDepth 1: map(fn, items, 1), the function sent once");
    public static final Model PROCESS_COPY = new Model("process-copy", Kind.TANDEM,
            "ProcessPool (warm): each task carries its chunk, copied to the worker JVM (the seed's pickling)");
    public static final Model PROCESS_SHARED = new Model("process-shared", Kind.TANDEM,
            "ProcessPool (warm): chunks in a SharedLongArray on /dev/shm, each task gets only row bounds (no copy)");
    public static final Model PROCESS_CHANNEL = new Model("process-channel", Kind.TANDEM,
            "ProcessChannel.of(Channel.unbounded()) from a producer to a consumer worker JVM, both started before the timed runs");
    public static final Model SHARED_LOCK = new Model("shared-lock", Kind.TANDEM,
            "SharedLong, 4 tasks in worker JVMs (1 per core): get/set under SharedLong.lock() (seed 004's Value + get_lock())");
    public static final Model SHARED_ATOMIC = new Model("shared-atomic", Kind.TANDEM,
            "SharedLong, 4 tasks in worker JVMs (1 per core): incrementAndGet(), no lock");
    public static final Model UNSAFE = new Model("unsafe", Kind.JDK,
            "4 threads, value = value + 1 on a volatile long, no lock: lost updates are reported, not WRONG");
    public static final Model SYNCHRONIZED = new Model("synchronized", Kind.JDK, "4 threads, synchronized block");
    public static final Model JDK_LOCK = new Model("jdk-lock", Kind.JDK, "4 threads, ReentrantLock");
    public static final Model JDK_ATOMIC = new Model("jdk-atomic", Kind.JDK, "4 threads, AtomicLong.incrementAndGet");
    public static final Model JDK_ADDER = new Model("jdk-adder", Kind.JDK, "4 threads, LongAdder.increment");
    public static final Model RAW_UDS = new Model("raw-uds", Kind.JDK,
            "raw transport: 8-byte echo over a Unix-domain socket to a child JVM, one in flight");
    public static final Model RAW_JVM = new Model("raw-jvm", Kind.JDK,
            "raw child JVMs (the workers' JVM flags, no Fory) that connect back over a Unix-domain socket");
    public static final Model FETCH = new Model("fetch", Kind.TANDEM,
            "io.tandem.io.Fetch (perHost = concurrency = 64): a virtual thread per URL on the JDK HttpClient");
    public static final Model VIRTUAL_THREADS = new Model("virtual+threads", Kind.TANDEM,
            "Pools.virtual() fetches, Pools.threads() parses: each fetch task submits its page's parse and joins it");
    public static final Model JDK_FORKJOIN = new Model("jdk-forkjoin", Kind.JDK, "new ForkJoinPool(cores)");
    public static final Model JDK_FIXED = new Model("jdk-fixed", Kind.JDK, "Executors.newFixedThreadPool(cores)");
    public static final Model JDK_VIRTUAL = new Model("jdk-virtual", Kind.JDK, "Executors.newVirtualThreadPerTaskExecutor()");
    public static final Model JDK_ABQ = new Model("jdk-abq", Kind.JDK, "ArrayBlockingQueue(1024) put/take between two platform threads");
    public static final Model JDK_LTQ = new Model("jdk-ltq", Kind.JDK, "LinkedTransferQueue put/take between two platform threads");
    public static final Model GPU_KERNEL = new Model("gpu-kernel", Kind.TANDEM,
            "io.tandem.gpu kernels on Gpu.gpu() (PTX through the CUDA driver); only where a GPU is available");
    public static final Model GPU_CPU = new Model("gpu-cpu", Kind.TANDEM,
            "the same io.tandem.gpu kernels on Gpu.cpu(): generated loops in parallel on the common fork-join pool");
    public static final Model JAVA_LOOP = new Model("java-loop", Kind.JDK, "a plain sequential Java loop over float[]");
    public static final Model JAVA_PARALLEL = new Model("java-parallel", Kind.JDK,
            "a hand-written parallel loop: IntStream.range(0, chunks).parallel(), a plain loop per chunk");
    public static final Model PY_SEQUENTIAL = new Model("py-sequential", Kind.PYTHON, "Python, a plain loop");
    public static final Model PY_THREADS = new Model("py-threads", Kind.PYTHON, "Python concurrent.futures.ThreadPoolExecutor() (I/O scenarios: max_workers=64)");
    public static final Model PY_POOL = new Model("py-pool", Kind.PYTHON, "Python multiprocessing.Pool()");
    public static final Model PY_PROCESSES = new Model("py-processes", Kind.PYTHON, "Python concurrent.futures.ProcessPoolExecutor()");
    public static final Model PY_ASYNCIO = new Model("py-asyncio", Kind.PYTHON, "Python asyncio.gather: of asyncio.sleep, or of HTTP GETs on asyncio streams");
    public static final Model PY_QUEUE = new Model("py-queue", Kind.PYTHON, "Python queue.Queue(maxsize=1024) between two threads");
    public static final Model PY_MP_QUEUE = new Model("py-mp-queue", Kind.PYTHON,
            "Python multiprocessing.Queue from a producer to a consumer Process, both started before the timed runs");
    public static final Model PY_POOL_CHUNK1 = new Model("py-pool-chunk1", Kind.PYTHON, "Python multiprocessing.Pool().map(chunksize=1)");
    public static final Model PY_LOCK = new Model("py-lock", Kind.PYTHON, "Python, 4 threads, += 1 under threading.Lock (seed 004's Counter)");
    public static final Model PY_VALUE = new Model("py-value", Kind.PYTHON,
            "Python multiprocessing.Value('q'), 4 Processes, += 1 under get_lock() (seed 004)");

    public static final Model PYTHON_PROGRAM = new Model("python-program", Kind.PYTHON,
            "python3 PROGRAM.py ARGS: the seed's program as a whole process, timed from start to exit");
    public static final Model TANDEM_PROGRAM = new Model("tandem-program", Kind.TANDEM,
            "java -cp CLASSPATH Program ARGS: the Tandem port as a whole process (no JVM options), timed from start to exit");

    public static final Model FRAME = new Model("frame", Kind.TANDEM,
            "Frame.readCsv(file) in parallel chunks, then groupBy(\"station\").agg(min, sum, count, max)");
    public static final Model DUCKDB = new Model("duckdb", Kind.JDK,
            "peer: DuckDB (JDBC, in-memory) read_csv + GROUP BY, SET threads = cores");

    /** Every model any scenario knows, in display order. */
    public static final List<Model> ALL = List.of(DIRECT, THREADS, VIRTUAL, SCOPE, CHANNEL, CHANNEL_UNBOUNDED, PROCESS,
            CLUSTER, CLUSTER_NO_KILL,
            PROCESS_MAP1, PROCESS_COPY, PROCESS_SHARED, PROCESS_CHANNEL, FETCH, VIRTUAL_THREADS,
            SHARED_LOCK, SHARED_ATOMIC, UNSAFE, SYNCHRONIZED, JDK_LOCK, JDK_ATOMIC, JDK_ADDER, JDK_FORKJOIN,
            JDK_FIXED, JDK_VIRTUAL, JDK_ABQ, JDK_LTQ, RAW_UDS, RAW_JVM, GPU_KERNEL, GPU_CPU, JAVA_LOOP, JAVA_PARALLEL, PY_SEQUENTIAL, PY_THREADS, PY_POOL,
            PY_POOL_CHUNK1, PY_PROCESSES, PY_ASYNCIO, PY_QUEUE, PY_MP_QUEUE, PY_LOCK, PY_VALUE,
            TANDEM_PROGRAM, PYTHON_PROGRAM, FRAME, DUCKDB);

    public Model {
        if (id == null || id.isBlank() || kind == null || description == null) {
            throw new IllegalArgumentException("model needs an id, a kind and a description");
        }
    }

    /** The model with this id, if any. */
    public static Optional<Model> byId(String id) {
        return ALL.stream().filter(m -> m.id.equals(id)).findFirst();
    }

    public boolean isPython() {
        return kind == Kind.PYTHON;
    }
}
