package io.tandem.bench;

import java.util.List;
import java.util.Map;

/**
 * Why a common model is not in a scenario's table: {@code tandem bench} shows such models as
 * NOT_APPLICABLE with the reason, instead of leaving them out silently. The common models are the ways a
 * reader would expect any workload to be run ({@link #COMMON}); scenario-specific models (channels, shared
 * memory, raw transports) appear only where they belong. Reasons are per scenario where the scenario says
 * more than the general rule. Stateless.
 */
final class NotApplicable {
    /** The models every scenario either runs or explains. */
    static final List<Model> COMMON = List.of(Model.DIRECT, Model.THREADS, Model.VIRTUAL, Model.PROCESS,
            Model.JDK_FORKJOIN, Model.JDK_FIXED, Model.JDK_VIRTUAL, Model.PY_SEQUENTIAL, Model.PY_THREADS,
            Model.PY_POOL, Model.PY_PROCESSES, Model.PY_ASYNCIO);

    private static final String SLEEPS = "a sleep per task on a core-sized pool (or one after another) takes N/cores x 100 ms,"
            + " not a race worth running; the scenario is about one task per wait";
    private static final String TWO_THREADS = "a hand-off between one producer and one consumer thread, not a pool workload";
    private static final String SHARED = "the scenario is about threads or processes updating one shared value, not a pool";
    private static final String TWO_PROCESSES = "a hand-off between one producer and one consumer process, not a pool workload";
    private static final String POOL_ITSELF = "measures the process pool's own overheads against raw baselines";
    private static final String CLUSTER = "the cluster group races ClusterPool.local(3) against the process pool it extends,"
            + " in the same run; the other models are in the scenarios of the same workloads (tiny-submit, tiny-map, primes)";

    private static final String GPU = "data-parallel arrays: java-loop and java-parallel are the plain Java baselines, gpu-cpu the CPU backend";
    private static final Map<String, String> GPU_REASONS = Map.of(
            "direct", GPU, "threads", GPU, "virtual", GPU, "process", GPU, "jdk-fixed", GPU, "jdk-forkjoin", GPU,
            "py-sequential", "NumPy is not a stdlib baseline (the Python scripts use the stdlib only)",
            "py-threads", "NumPy is not a stdlib baseline (the Python scripts use the stdlib only)",
            "py-pool", "NumPy is not a stdlib baseline (the Python scripts use the stdlib only)");

    private static final Map<String, Map<String, String>> BY_SCENARIO = Map.ofEntries(
            Map.entry("gpu", GPU_REASONS),
            Map.entry("gpu-large", GPU_REASONS),
            Map.entry("tiny-map", Map.of(
                    "jdk-virtual", "the JDK executors have no map; jdk-forkjoin and jdk-fixed hand-chunk it, tiny-submit times jdk-virtual",
                    "py-processes", "ProcessPoolExecutor.map sends one message per item (chunksize 1): tiny-process measures that")),
            Map.entry("tiny-submit", Map.of(
                    "process", "one message per task to worker JVMs is what tiny-process measures",
                    "py-sequential", "a plain loop has no submit/join; tiny-map has py-sequential",
                    "py-pool", "one message per task to worker processes is what tiny-process measures",
                    "py-processes", "one message per task to worker processes is what tiny-process measures")),
            Map.entry("mean-column", Map.of(
                    "process", "split into process-copy (chunks sent to the workers) and process-shared (chunks in /dev/shm)",
                    "jdk-fixed", "jdk-forkjoin is the JDK's data-parallel baseline",
                    "jdk-virtual", "jdk-forkjoin is the JDK's data-parallel baseline")),
            Map.entry("rows", Map.of(
                    "py-threads", "the GIL: Python threads parse one line at a time; py-pool is the seed's way",
                    "jdk-forkjoin", "duckdb is this scenario's peer: a plain JDK pool would run the same chunk function as threads",
                    "jdk-fixed", "duckdb is this scenario's peer: a plain JDK pool would run the same chunk function as threads")),
            Map.entry("download", Map.of(
                    "jdk-forkjoin", "blocking I/O on a core-sized pool: jdk-fixed shows it",
                    "py-processes", "py-pool shows worker processes downloading (seed 001's multiprocessing.Pool)")),
            Map.entry("fetch-parse", Map.of(
                    "jdk-forkjoin", "blocking I/O on a core-sized pool: threads shows it",
                    "jdk-fixed", "blocking I/O on a core-sized pool: threads shows it",
                    "py-processes", "py-pool (seed 001) and py-asyncio (parse in a ProcessPoolExecutor) show worker processes")));

    private NotApplicable() {
    }

    /** Why {@code model} is not a way to run {@code scenario}. */
    static String reason(Scenario scenario, Model model) {
        String specific = BY_SCENARIO.getOrDefault(scenario.name(), Map.of()).get(model.id());
        if (specific != null) {
            return specific;
        }
        String name = scenario.name();
        if (scenario instanceof ProgramScenario) {
            return "a whole program raced against its Python original (python-program vs tandem-program), not a pool workload";
        }
        if (name.startsWith("sleeps")) {
            return SLEEPS;
        }
        if (name.equals("handoff")) {
            return TWO_THREADS;
        }
        if (name.equals("process-handoff")) {
            return TWO_PROCESSES;
        }
        if (name.equals("counter")) {
            return SHARED;
        }
        if (List.of("tiny-process", "process-roundtrip", "spawn", "recovery").contains(name)) {
            return POOL_ITSELF;
        }
        if (name.startsWith("cluster-")) {
            return CLUSTER;
        }
        if (name.startsWith(WorkloadScenario.PREFIX) && model.isPython()) {
            return "your workload is Java: there is no Python version to race";
        }
        return switch (model.id()) {
            case "py-asyncio" -> "asyncio only overlaps waiting; this work never waits, so it would run as py-sequential";
            case "jdk-virtual" -> "CPU-bound: virtual threads add nothing over the core-sized JDK pools (virtual shows Tandem's)";
            case "jdk-forkjoin", "jdk-fixed" -> "the other JDK executors in the table are the baseline here";
            case "py-processes" -> "py-pool shows the seeds' worker processes here";
            default -> "not a way to run this workload";
        };
    }
}
