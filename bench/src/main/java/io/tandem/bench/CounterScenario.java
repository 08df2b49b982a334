package io.tandem.bench;

import io.tandem.Task;
import io.tandem.process.ProcessPool;
import io.tandem.process.SharedLock;
import io.tandem.process.SharedLong;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The shared counter of seeds 003 and 004: {@value #PARTIES} threads or processes add one to a shared
 * count, N times in all. Measures the cost of one safe increment under contention: a JDK lock, an atomic,
 * a striped adder, and across processes a {@link SharedLong} (seed 004's {@code Value} with
 * {@code get_lock()}, then its lock-free {@code incrementAndGet}). The {@code unsafe} model is the seeds'
 * lost-update race ({@code value = value + 1} with no lock); its answer is wrong by design and reported as
 * "lost N updates" next to its time. The process models run their {@value #PARTIES} tasks on a pool of
 * one worker JVM per core, started before the timed runs.
 */
final class CounterScenario implements Scenario {
    static final int PARTIES = 4;
    // one worker per core: four worker JVMs on two cores would mostly measure descheduled lock holders
    private final WarmProcessPool processes = new WarmProcessPool(() -> ProcessPool.create(Workloads.cores()));
    private final Object monitor = new Object();
    private volatile long unsafeValue;
    private long guarded;

    @Override
    public String name() {
        return "counter";
    }

    @Override
    public String description() {
        return PARTIES + " threads or processes increment one shared counter N times in all";
    }

    @Override
    public String unit() {
        return "increments";
    }

    @Override
    public int size(Mode mode) {
        return mode == Mode.QUICK ? 100_000 : 1_000_000;
    }

    @Override
    public List<Model> models() {
        return List.of(Model.UNSAFE, Model.SYNCHRONIZED, Model.JDK_LOCK, Model.JDK_ATOMIC, Model.JDK_ADDER,
                Model.SHARED_LOCK, Model.SHARED_ATOMIC, Model.PY_LOCK, Model.PY_VALUE);
    }

    @Override
    public int maxRuns() {
        return 30;   // the thread models take about a millisecond; 200 runs of each add nothing but time
    }

    @Override
    public Object expected(int size) {
        return (long) size;
    }

    @Override
    public String pythonScript() {
        return "counter.py";
    }

    @Override
    public boolean wrongByDesign(Model model) {
        return model.equals(Model.UNSAFE);
    }

    @Override
    public String deviation(Model model, Object expected, Object answer) {
        if (!model.equals(Model.UNSAFE) || !(answer instanceof Long counted) || !(expected instanceof Long n)) {
            return null;
        }
        return String.format(Locale.ROOT, "lost %,d of %,d updates", n - counted, n);
    }

    @Override
    public Object run(Model model, int size) throws Exception {
        return switch (model.id()) {
            case "unsafe" -> {
                unsafeValue = 0;
                onThreads(size, times -> {
                    for (int i = 0; i < times; i++) {
                        unsafeValue = unsafeValue + 1;   // the race the seeds show
                    }
                });
                yield unsafeValue;
            }
            case "synchronized" -> {
                synchronized (monitor) {
                    guarded = 0;
                }
                onThreads(size, times -> {
                    for (int i = 0; i < times; i++) {
                        synchronized (monitor) {
                            guarded++;
                        }
                    }
                });
                synchronized (monitor) {
                    yield guarded;
                }
            }
            case "jdk-lock" -> {
                ReentrantLock lock = new ReentrantLock();
                long[] count = {0};
                onThreads(size, times -> {
                    for (int i = 0; i < times; i++) {
                        lock.lock();
                        try {
                            count[0]++;
                        } finally {
                            lock.unlock();
                        }
                    }
                });
                yield count[0];   // join() made every write visible
            }
            case "jdk-atomic" -> {
                AtomicLong count = new AtomicLong();
                onThreads(size, times -> {
                    for (int i = 0; i < times; i++) {
                        count.incrementAndGet();
                    }
                });
                yield count.get();
            }
            case "jdk-adder" -> {
                LongAdder count = new LongAdder();
                onThreads(size, times -> {
                    for (int i = 0; i < times; i++) {
                        count.increment();
                    }
                });
                yield count.sum();
            }
            case "shared-lock" -> {
                try (SharedLong counter = SharedLong.create(0)) {
                    onProcesses(size, times -> {
                        SharedLock lock = counter.lock();
                        for (int i = 0; i < times; i++) {
                            lock.lock();   // with counter.get_lock(): counter.value += 1
                            try {
                                counter.set(counter.get() + 1);
                            } finally {
                                lock.unlock();
                            }
                        }
                    });
                    yield counter.get();
                }
            }
            case "shared-atomic" -> {
                try (SharedLong counter = SharedLong.create(0)) {
                    onProcesses(size, times -> {
                        for (int i = 0; i < times; i++) {
                            counter.incrementAndGet();
                        }
                    });
                    yield counter.get();
                }
            }
            default -> throw new UnsupportedOperationException(name() + " has no Java model " + model.id());
        };
    }

    @Override
    public void release(Model model) {
        processes.close();
    }

    /** Party {@code i}'s share of {@code n} increments (the first {@code n % PARTIES} do one more). */
    static int share(int n, int i) {
        return n / PARTIES + (i < n % PARTIES ? 1 : 0);
    }

    /** What each party does with its share. */
    @FunctionalInterface
    interface Work extends java.io.Serializable {
        void increment(int times);
    }

    private static void onThreads(int n, Work work) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < PARTIES; p++) {
            int times = share(n, p);
            threads.add(Thread.ofPlatform().name("counter-" + p).start(() -> work.increment(times)));
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private void onProcesses(int n, Work work) throws InterruptedException {
        ProcessPool pool = processes.get();
        List<Task<Void>> tasks = new ArrayList<>();
        for (int p = 0; p < PARTIES; p++) {
            int times = share(n, p);
            tasks.add(pool.submit(() -> work.increment(times)));
        }
        for (Task<Void> t : tasks) {
            t.join();
        }
    }
}
