package io.tandem.test;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A JUnit extension, registered for every test that has core's test jar on its class path (through
 * {@code META-INF/services} and {@code junit-platform.properties}), that enforces STYLE.md's
 * concurrent-test hygiene:
 * <ul>
 *   <li><b>no leaked threads</b>: platform <em>and virtual</em> threads started during a test must have ended
 *       when it ends;</li>
 *   <li><b>no leaked processes</b>: child processes (and theirs) started during a test must have exited;</li>
 *   <li><b>no leaked files</b>: {@code tandem-*} shared-memory files and pool socket directories created
 *       during a test (see {@link TandemFiles}) must be gone;</li>
 *   <li><b>no lost exceptions</b>: an exception that escapes any thread during the test fails the test;</li>
 *   <li><b>a watchdog</b>: a test still running after {@code tandem.watchdogSeconds} (default 120) gets a
 *       thread dump printed, so a hang in CI shows where it hangs.</li>
 * </ul>
 * Leaks are awaited for {@code tandem.leakGraceSeconds} (default 10; a JUnit configuration parameter or
 * system property, fractions allowed) so that work which is already ending is not blamed; a passing test pays
 * only the snapshots (about 3 ms: one JSON thread dump, two scans of the child processes). Leaked child
 * processes are destroyed after they are reported, so a failing build leaves no orphans. A test class opts
 * out of the thread check with {@link AllowThreadLeaks} and a reason; no test has needed to leave a process or
 * a file behind, so those checks have no opt-out.
 */
public final class ConcurrencyHygiene implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(ConcurrencyHygiene.class);
    private static final String GRACE_KEY = "tandem.leakGraceSeconds";
    private static final long WATCHDOG_SECONDS = Long.getLong("tandem.watchdogSeconds", 120);
    private static final Queue UNCAUGHT = new Queue();
    private static final Timer WATCHDOG = new Timer("tandem-test-watchdog", true);
    /** Every descendant pid seen by any snapshot: a {@code tandem-<pid>-} file of one of them is ours. */
    private static final Set<Long> DESCENDANTS_SEEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            UNCAUGHT.add(new AssertionError("uncaught in thread \"" + t.getName() + "\": " + e, e));
            if (previous != null) {
                previous.uncaughtException(t, e);
            }
        });
    }

    /** What existed before the test: anything alive after it and not in here was started by it. */
    private record Baseline(Set<Thread> platform, long threadIdWatermark, Set<ProcessHandle> processes,
                            Set<Path> files) {
    }

    /** Threads that belong to the JVM, the test runner or shared JDK pools, never counted as leaks. */
    private static boolean ignorable(Thread t) {
        String n = t.getName();
        return t == Thread.currentThread()
                || n.startsWith("ForkJoinPool.commonPool")
                || t.getClass().getName().equals("jdk.internal.misc.CarrierThread")
                || n.startsWith("surefire") || n.startsWith("junit-") || n.startsWith("process reaper") || n.equals("Attach Listener")
                || n.startsWith("Common-Cleaner") || n.startsWith("JFR") || n.startsWith("Notification Thread")
                || n.equals("tandem-test-watchdog") || n.equals("junit-jupiter-timeout-watcher")
                || n.startsWith("HttpClient-") && t.isDaemon()
                || n.startsWith("Lincheck") || n.startsWith("FixedActiveThreadsExecutor")
                // the JDK's virtual-thread scheduler starts these lazily, on first use, and keeps them
                || n.startsWith("VirtualThread-") || t.isDaemon() && n.endsWith("-delayScheduler")
                || n.startsWith("InnocuousThread") || n.equals("MasterPoller")
                // JVM-wide daemons of libraries: Fory's weak-map cleaner, the JDK's CompletableFuture delayer
                || t.isDaemon() && (n.startsWith("fory-") || n.equals("CompletableFutureDelayScheduler"))
                // Helidon 4.5 starts one idle daemon Timer per web server and never cancels it
                // (helidon-io/helidon#11939, fixed upstream after 4.5)
                || t.isDaemon() && (n.equals("helidon-idle-connection-timer") || n.equals("helidon-http-timer"))
                || n.startsWith("Read-Poller") || n.startsWith("Write-Poller") || n.startsWith("Sweeper")
                || t.getThreadGroup() != null && "system".equals(t.getThreadGroup().getName());
    }

    /** The JDK's I/O pollers: virtual threads it starts lazily, on first use, and keeps for the JVM's life. */
    private static boolean ignorable(VirtualThreads.Live v) {
        String n = v.name();
        return n.startsWith("SubPoller-") || n.equals("MasterPoller") || n.startsWith("Read-Poller")
                || n.startsWith("Write-Poller");
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        UNCAUGHT.clear();
        Set<ProcessHandle> processes = ChildProcesses.live();
        processes.forEach(p -> DESCENDANTS_SEEN.add(p.pid()));
        ExtensionContext.Store store = context.getStore(NS);
        store.put("baseline", new Baseline(new HashSet<>(Thread.getAllStackTraces().keySet()),
                VirtualThreads.watermark(), processes, TandemFiles.snapshot()));
        String test = context.getDisplayName();
        TimerTask dump = new TimerTask() {
            @Override
            public void run() {
                System.err.println("[watchdog] test " + context.getUniqueId() + " (" + test + ") still running after "
                        + WATCHDOG_SECONDS + " s\n" + ThreadDump.allThreads());
            }
        };
        WATCHDOG.schedule(dump, WATCHDOG_SECONDS * 1000);
        store.put("watchdog", dump);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NS);
        TimerTask dump = store.remove("watchdog", TimerTask.class);
        if (dump != null) {
            dump.cancel();
        }
        Baseline before = store.remove("baseline", Baseline.class);
        List<Throwable> problems = new ArrayList<>(UNCAUGHT.drain());
        if (before != null && context.getExecutionException().isEmpty()) {
            problems.addAll(leaks(context, before));
        }
        if (!problems.isEmpty()) {
            AssertionError first = problems.getFirst() instanceof AssertionError a ? a
                    : new AssertionError(problems.getFirst());
            for (int i = 1; i < problems.size(); i++) {
                first.addSuppressed(problems.get(i));
            }
            throw first;
        }
    }

    /** Waits up to the grace period for everything the test started to end, then reports what did not. */
    private static List<AssertionError> leaks(ExtensionContext context, Baseline before) {
        boolean checkThreads = !optedOut(context, AllowThreadLeaks.class);
        Duration grace = grace(context);
        long deadline = System.nanoTime() + grace.toNanos();
        long pause = TimeUnit.MILLISECONDS.toNanos(1);
        while (true) {
            List<Thread> platform = checkThreads ? leakedPlatform(before) : List.of();
            List<VirtualThreads.Live> virtual = checkThreads ? leakedVirtual(before) : List.of();
            List<ProcessHandle> processes = leakedProcesses(before);
            List<Path> files = leakedFiles(before);
            boolean clean = platform.isEmpty() && virtual.isEmpty() && processes.isEmpty() && files.isEmpty();
            if (clean || System.nanoTime() - deadline > 0 || Thread.currentThread().isInterrupted()) {
                return report(grace, platform, virtual, processes, files);
            }
            // polling for work that is still ending, not synchronising with it
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    private static List<AssertionError> report(Duration grace, List<Thread> platform, List<VirtualThreads.Live> virtual,
                                               List<ProcessHandle> processes, List<Path> files) {
        String after = " (still there " + grace.toMillis() + " ms after it ended)";
        List<AssertionError> out = new ArrayList<>();
        if (!platform.isEmpty() || !virtual.isEmpty()) {
            StringBuilder sb = new StringBuilder().append(platform.size() + virtual.size())
                    .append(" thread(s) leaked by the test").append(after)
                    .append("; close every pool, scope and channel, join every thread:\n");
            Map<Thread, StackTraceElement[]> stacks = Thread.getAllStackTraces();
            for (Thread t : platform) {
                sb.append(ThreadDump.describe(t, stacks.getOrDefault(t, new StackTraceElement[0])));
            }
            virtual.forEach(v -> sb.append(v.describe()));
            out.add(new AssertionError(sb.toString()));
        }
        if (!processes.isEmpty()) {
            StringBuilder sb = new StringBuilder().append(processes.size()).append(" child process(es) leaked by the test")
                    .append(after).append("; close every pool and wait for every process you start (now destroyed):\n");
            for (ProcessHandle p : processes) {
                sb.append(ChildProcesses.describe(p));
                p.destroyForcibly();
            }
            out.add(new AssertionError(sb.toString()));
        }
        if (!files.isEmpty()) {
            StringBuilder sb = new StringBuilder().append(files.size()).append(" file(s) leaked by the test").append(after)
                    .append("; close every pool and shared-memory object:\n");
            for (Path f : files) {
                sb.append("  ").append(f).append(Files.isDirectory(f) ? " (directory)" : "").append('\n');
            }
            out.add(new AssertionError(sb.toString()));
        }
        return out;
    }

    private static List<Thread> leakedPlatform(Baseline before) {
        List<Thread> out = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && !before.platform().contains(t) && !ignorable(t)) {
                out.add(t);
            }
        }
        return out;
    }

    private static List<VirtualThreads.Live> leakedVirtual(Baseline before) {
        List<VirtualThreads.Live> out = new ArrayList<>();
        for (VirtualThreads.Live v : VirtualThreads.live()) {
            if (v.tid() > before.threadIdWatermark() && !ignorable(v)) {
                out.add(v);
            }
        }
        return out;
    }

    private static List<ProcessHandle> leakedProcesses(Baseline before) {
        List<ProcessHandle> out = new ArrayList<>();
        for (ProcessHandle p : ChildProcesses.live()) {
            DESCENDANTS_SEEN.add(p.pid());
            if (!before.processes().contains(p)) {
                out.add(p);
            }
        }
        return out;
    }

    private static List<Path> leakedFiles(Baseline before) {
        List<Path> out = new ArrayList<>();
        for (Path f : TandemFiles.snapshot()) {
            if (!before.files().contains(f) && TandemFiles.ours(f, DESCENDANTS_SEEN)) {
                out.add(f);
            }
        }
        out.sort(null);
        return out;
    }

    private static boolean optedOut(ExtensionContext context, Class<? extends java.lang.annotation.Annotation> kind) {
        for (Class<?> c = context.getTestClass().orElse(null); c != null; c = c.getEnclosingClass()) {
            if (c.isAnnotationPresent(kind)) {
                return true;
            }
        }
        return false;
    }

    private static Duration grace(ExtensionContext context) {
        String value = context.getConfigurationParameter(GRACE_KEY).orElse("10");
        try {
            double seconds = Double.parseDouble(value.trim());
            if (seconds < 0 || Double.isNaN(seconds)) {
                throw new NumberFormatException();
            }
            return Duration.ofNanos((long) (seconds * 1e9));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(GRACE_KEY + " must be a non-negative number of seconds, was '" + value + "'");
        }
    }

    private static final class Queue {
        private final ConcurrentLinkedQueue<Throwable> items = new ConcurrentLinkedQueue<>();

        void add(Throwable t) {
            items.add(t);
        }

        void clear() {
            items.clear();
        }

        List<Throwable> drain() {
            List<Throwable> out = new ArrayList<>();
            for (Throwable t; (t = items.poll()) != null; ) {
                out.add(t);
            }
            return out;
        }
    }
}
