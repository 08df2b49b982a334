package io.tandem.bench;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The catalogue of scenarios, in the order {@code tandem bench} runs them. */
public final class Scenarios {
    private static final List<Scenario> ALL = java.util.stream.Stream.concat(java.util.stream.Stream.of(
            new TinyMapScenario(),
            new TinySubmitScenario(),
            new PrimesScenario(),
            new FactorialsScenario(),
            new MeanColumnScenario(),
            new RowsScenario(),
            new SleepsScenario("sleeps", 10_000, Mode.QUICK),
            new SleepsScenario("sleeps-100k", 100_000, Mode.FULL),
            // a million parked tasks: the memory limit, not a speed race; 1-2 minutes, so only when named
            new SleepsScenario("sleeps-1m", 1_000_000, null),
            new DownloadScenario(),
            new FetchParseScenario(),
            new HandoffScenario(),
            new TinyProcessScenario(),
            new CounterScenario(),
            new ProcessRoundTripScenario(),
            new ProcessHandoffScenario(),
            new SpawnScenario(),
            new RecoveryScenario(),
            // GPU arrays: a GPU kernel where there is one, the CPU backend, plain and parallel Java loops
            new GpuScenario("gpu", 1 << 20, 1 << 24, true),
            // 2^28 floats (1 GiB an array): for a GPU machine, only when named
            new GpuScenario("gpu-large", 1 << 28, 1 << 28, false)),
            // the programs group: the seeds' programs as whole processes against their Python originals
            java.util.stream.Stream.concat(Programs.all().stream(),
                    // the cluster group (--scenario cluster): ClusterPool.local(3) beside the process pool, full mode
                    ClusterScenarios.all().stream())).toList();

    private Scenarios() {
    }

    public static List<Scenario> all() {
        return ALL;
    }

    /** The built-in scenario called {@code name}. */
    public static Optional<Scenario> byName(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Whether {@code selected} (a --scenario value) names {@code s} itself or its group ("cluster"). */
    public static boolean selects(String selected, Scenario s) {
        return s.name().equals(selected) || s.name().startsWith(selected + "-") && ClusterScenarios.GROUP.equals(selected);
    }

    /** Whether {@code name} is a scenario or a group of scenarios. */
    public static boolean known(String name) {
        return ALL.stream().anyMatch(s -> selects(name, s));
    }

    /**
     * What a child JVM runs: the built-in scenario called {@code name} or, for {@code workload:CLASS}, the
     * user's workload loaded with the system class loader (the child was started with the user's class path).
     */
    static Optional<Scenario> resolve(String name) {
        if (name.startsWith(WorkloadScenario.PREFIX)) {
            return Optional.of(new WorkloadScenario(name.substring(WorkloadScenario.PREFIX.length()),
                    ClassLoader.getSystemClassLoader()));
        }
        return byName(name);
    }

    /**
     * A user's {@link Workload} as a scenario: {@code className} is loaded from {@code classpath} (jars or
     * class directories; empty = the harness's own class path), instantiated and prepared now, so any
     * mistake surfaces before the first run.
     *
     * @throws IllegalArgumentException if a path does not exist or the class is not a usable workload
     */
    public static Scenario workload(String className, List<java.nio.file.Path> classpath) {
        if (className == null || className.isBlank()) {
            throw new IllegalArgumentException("--workload needs a class name");
        }
        ClassLoader parent = Scenarios.class.getClassLoader();
        if (classpath.isEmpty()) {
            return new WorkloadScenario(className.strip(), ClassLoader.getSystemClassLoader());
        }
        java.net.URL[] urls = new java.net.URL[classpath.size()];
        for (int i = 0; i < urls.length; i++) {
            java.nio.file.Path p = classpath.get(i);
            if (!java.nio.file.Files.exists(p)) {
                throw new IllegalArgumentException("--classpath entry " + p + " does not exist");
            }
            try {
                urls[i] = p.toAbsolutePath().toUri().toURL();
            } catch (java.net.MalformedURLException e) {
                throw new IllegalArgumentException("--classpath entry " + p + " is not a usable path: " + e.getMessage(), e);
            }
        }
        // never closed: the workload's classes stay in use for the whole run (one loader per tandem bench)
        return new WorkloadScenario(className.strip(), new java.net.URLClassLoader(urls, parent));
    }

    /** "tiny-map, tiny-submit, ..." for error messages. */
    public static String names() {
        return ALL.stream().map(Scenario::name).collect(Collectors.joining(", ")) + " (group: " + ClusterScenarios.GROUP + ")";
    }
}
