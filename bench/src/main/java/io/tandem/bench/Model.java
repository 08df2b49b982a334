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
    public static final Model JDK_FORKJOIN = new Model("jdk-forkjoin", Kind.JDK, "new ForkJoinPool(cores)");
    public static final Model JDK_FIXED = new Model("jdk-fixed", Kind.JDK, "Executors.newFixedThreadPool(cores)");
    public static final Model JDK_VIRTUAL = new Model("jdk-virtual", Kind.JDK, "Executors.newVirtualThreadPerTaskExecutor()");
    public static final Model JDK_ABQ = new Model("jdk-abq", Kind.JDK, "ArrayBlockingQueue(1024) put/take between two platform threads");
    public static final Model JDK_LTQ = new Model("jdk-ltq", Kind.JDK, "LinkedTransferQueue put/take between two platform threads");
    public static final Model PY_SEQUENTIAL = new Model("py-sequential", Kind.PYTHON, "Python, a plain loop");
    public static final Model PY_THREADS = new Model("py-threads", Kind.PYTHON, "Python concurrent.futures.ThreadPoolExecutor()");
    public static final Model PY_POOL = new Model("py-pool", Kind.PYTHON, "Python multiprocessing.Pool()");
    public static final Model PY_PROCESSES = new Model("py-processes", Kind.PYTHON, "Python concurrent.futures.ProcessPoolExecutor()");
    public static final Model PY_ASYNCIO = new Model("py-asyncio", Kind.PYTHON, "Python asyncio.gather of asyncio.sleep");
    public static final Model PY_QUEUE = new Model("py-queue", Kind.PYTHON, "Python queue.Queue(maxsize=1024) between two threads");

    /** Every model any scenario knows, in display order. */
    public static final List<Model> ALL = List.of(DIRECT, THREADS, VIRTUAL, SCOPE, CHANNEL, JDK_FORKJOIN, JDK_FIXED,
            JDK_VIRTUAL, JDK_ABQ, JDK_LTQ, PY_SEQUENTIAL, PY_THREADS, PY_POOL, PY_PROCESSES, PY_ASYNCIO, PY_QUEUE);

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
