package io.tandem.bench;

import io.tandem.Pools;
import io.tandem.TaskPool;
import io.tandem.process.ProcessPool;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;

/**
 * {@code --workload CLASS}: a user's {@link Workload} as a scenario. Every model maps
 * {@link Workload#run} over the items the way a user would write it ({@code pool.map(fn, items)} with
 * Tandem's automatic chunking; {@code invokeAll} with one task per item for the JDK executors); the
 * {@code process} model does the same on a warm {@link ProcessPool} whose workers load the class from the
 * child JVM's class path. The answer is a digest of every result's {@link String#valueOf} in item order,
 * and the expected answer comes from a plain loop, so a model that loses, reorders or corrupts results is
 * reported WRONG.
 *
 * <p>Its name is {@code workload:CLASS}; {@link Scenarios#resolve} resolves such names with the system
 * class loader, which is how a child JVM started with the user's class path finds it. Each JVM keeps one
 * prepared instance per class (see {@link #prepared}); a scenario instance is used by one thread.
 */
final class WorkloadScenario implements Scenario {
    static final String PREFIX = "workload:";
    private static final Map<String, Prepared> PREPARED = new ConcurrentHashMap<>();

    private final String className;
    private final ClassLoader loader;
    private final WarmProcessPool processes = new WarmProcessPool(() -> ProcessPool.create(Workloads.cores()));

    /**
     * Loads, instantiates and prepares {@code className} through {@code loader} (checking it is a usable
     * {@link Workload} with at least one item), so a mistake is reported before anything is timed.
     *
     * @throws IllegalArgumentException with what is wrong and how to fix it
     */
    WorkloadScenario(String className, ClassLoader loader) {
        this.className = className;
        this.loader = loader;
        prepared(className, loader);
    }

    /** One instance per class and JVM, prepared once, with its items read once. */
    record Prepared(Workload<Object, Object> workload, List<Object> items) {
    }

    @SuppressWarnings("unchecked")
    static Prepared prepared(String className, ClassLoader loader) {
        return PREPARED.computeIfAbsent(className + "@" + System.identityHashCode(loader), k -> {
            Class<?> c;
            try {
                c = Class.forName(className, true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalArgumentException("workload class " + className + " not found"
                        + " (give the jar or classes directory that holds it with --classpath): " + e, e);
            }
            if (!Workload.class.isAssignableFrom(c)) {
                throw new IllegalArgumentException("workload class " + className + " does not implement "
                        + Workload.class.getName());
            }
            if (!Modifier.isPublic(c.getModifiers()) || Modifier.isAbstract(c.getModifiers())) {
                throw new IllegalArgumentException("workload class " + className + " must be a public, non-abstract class");
            }
            Workload<Object, Object> w;
            try {
                Constructor<?> ctor = c.getConstructor();
                w = (Workload<Object, Object>) ctor.newInstance();
            } catch (NoSuchMethodException e) {
                throw new IllegalArgumentException("workload class " + className + " needs a public no-argument constructor", e);
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("could not create workload " + className + ": " + cause(e), e);
            }
            List<Object> items;
            try {
                w.prepare();
                items = List.copyOf(w.items());
            } catch (Exception e) {
                throw new IllegalArgumentException("workload " + className + " failed in prepare() or items(): " + cause(e), e);
            }
            if (items.isEmpty()) {
                throw new IllegalArgumentException("workload " + className + " has no items");
            }
            return new Prepared(w, items);
        });
    }

    private static String cause(Throwable e) {
        Throwable t = e instanceof java.lang.reflect.InvocationTargetException i && i.getCause() != null ? i.getCause() : e;
        return t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    /** Runs one item of the workload this JVM knows as {@code className}: what every model's task calls. */
    static Object runItem(String className, Object item) {
        try {
            return prepared(className, defaultLoader()).workload().run(item);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("workload " + className + " failed on item " + item + ": " + e, e);
        }
    }

    private static ClassLoader defaultLoader() {
        ClassLoader l = Thread.currentThread().getContextClassLoader();
        return l != null ? l : ClassLoader.getSystemClassLoader();
    }

    @Override
    public String name() {
        return PREFIX + className;
    }

    @Override
    public String description() {
        return "your workload " + className + ": Workload.run over its items";
    }

    @Override
    public String unit() {
        return "items";
    }

    /** The workload's item count ({@code --size N} runs the first N items only). */
    @Override
    public int size(Mode mode) {
        return items().size();
    }

    private List<Object> items() {
        return prepared(className, loader).items();
    }

    private List<Object> items(int size) {
        List<Object> all = items();
        return size >= all.size() ? all : all.subList(0, size);
    }

    @Override
    public List<Model> models() {
        return List.of(Model.DIRECT, Model.THREADS, Model.VIRTUAL, Model.PROCESS, Model.JDK_FORKJOIN, Model.JDK_FIXED,
                Model.JDK_VIRTUAL);
    }

    /** Each model in its own child JVM: a clean JIT and heap, its own peak RSS, and the user's class path. */
    @Override
    public boolean forkPerModel() {
        return true;
    }

    @Override
    public Object expected(int size) {
        Workload<Object, Object> w = prepared(className, loader).workload();
        List<Object> results = new ArrayList<>();
        for (Object item : items(size)) {
            try {
                results.add(w.run(item));
            } catch (Exception e) {
                throw new IllegalArgumentException("workload " + className + " failed on item " + item + ": " + e, e);
            }
        }
        return digest(results);
    }

    @Override
    public Object run(Model model, int size) throws Exception {
        List<Object> items = items(size);
        String cls = className;
        List<Object> results = switch (model.id()) {
            case "direct" -> tandem(Pools.direct(), cls, items);
            case "threads" -> tandem(Pools.threads(), cls, items);
            case "virtual" -> tandem(Pools.virtual(), cls, items);
            case "process" -> processes.get().map(item -> runItem(cls, item), items);
            case "jdk-forkjoin" -> jdk(new ForkJoinPool(Workloads.cores()), cls, items);
            case "jdk-fixed" -> jdk(Executors.newFixedThreadPool(Workloads.cores()), cls, items);
            case "jdk-virtual" -> jdk(Executors.newVirtualThreadPerTaskExecutor(), cls, items);
            default -> throw new UnsupportedOperationException(name() + " has no model " + model.id());
        };
        return digest(results);
    }

    private static List<Object> tandem(TaskPool pool, String cls, List<Object> items) {
        try (pool) {
            return pool.map(item -> runItem(cls, item), items);
        }
    }

    private static List<Object> jdk(ExecutorService ex, String cls, List<Object> items) throws Exception {
        try (ex) {
            List<Callable<Object>> tasks = new ArrayList<>(items.size());
            for (Object item : items) {
                tasks.add(() -> runItem(cls, item));
            }
            List<Object> out = new ArrayList<>(items.size());
            for (Future<Object> f : ex.invokeAll(tasks)) {
                out.add(f.get());
            }
            return out;
        }
    }

    @Override
    public void release(Model model) {
        processes.close();
    }

    /** "64 results, sha256 1f2e3d4c5b6a": order-sensitive, so a shuffled or lost result changes it. */
    static String digest(List<?> results) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Object r : results) {
                md.update(String.valueOf(r).getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return results.size() + " results, sha256 " + HexFormat.of().formatHex(md.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
