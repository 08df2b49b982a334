package io.tandem.test;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A JUnit extension, registered for every test that has test-support on its class path (through
 * {@code META-INF/services} and {@code junit-platform.properties}), that enforces STYLE.md's
 * concurrent-test hygiene:
 * <ul>
 *   <li><b>no leaked threads</b>: platform threads started during a test must have ended when it ends
 *       (awaited for a few seconds, then the test fails with their stacks);</li>
 *   <li><b>no lost exceptions</b>: an exception that escapes any thread during the test fails the test;</li>
 *   <li><b>a watchdog</b>: a test still running after {@code tandem.watchdogSeconds} (default 120) gets a
 *       thread dump printed, so a hang in CI shows where it hangs.</li>
 * </ul>
 * A test class opts out of the leak check with {@link AllowThreadLeaks} (for example one whose fixture
 * outlives a single test method).
 */
public final class ConcurrencyHygiene implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(ConcurrencyHygiene.class);
    private static final Duration LEAK_GRACE = Duration.ofSeconds(Long.getLong("tandem.leakGraceSeconds", 10));
    private static final long WATCHDOG_SECONDS = Long.getLong("tandem.watchdogSeconds", 120);
    private static final Queue UNCAUGHT = new Queue();
    private static final Timer WATCHDOG = new Timer("tandem-test-watchdog", true);

    static {
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            UNCAUGHT.add(new AssertionError("uncaught in thread \"" + t.getName() + "\": " + e, e));
            if (previous != null) {
                previous.uncaughtException(t, e);
            }
        });
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

    @Override
    public void beforeEach(ExtensionContext context) {
        UNCAUGHT.clear();
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        ExtensionContext.Store store = context.getStore(NS);
        store.put("threads", before);
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
        @SuppressWarnings("unchecked")
        Set<Thread> before = store.remove("threads", Set.class);
        List<Throwable> problems = new ArrayList<>(UNCAUGHT.drain());
        boolean allowLeaks = context.getTestClass().map(c -> c.isAnnotationPresent(AllowThreadLeaks.class)).orElse(false);
        if (before != null && !allowLeaks && context.getExecutionException().isEmpty()) {
            long deadline = System.nanoTime() + LEAK_GRACE.toNanos();
            List<Thread> leaked = leaked(before);
            while (!leaked.isEmpty() && System.nanoTime() < deadline) {
                try {
                    leaked.getFirst().join(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                leaked = leaked(before);
            }
            if (!leaked.isEmpty()) {
                StringBuilder sb = new StringBuilder(leaked.size() + " thread(s) leaked by the test (still alive "
                        + LEAK_GRACE.toSeconds() + " s after it ended); close every pool, scope and channel:\n");
                Map<Thread, StackTraceElement[]> stacks = Thread.getAllStackTraces();
                for (Thread t : leaked) {
                    sb.append(ThreadDump.describe(t, stacks.getOrDefault(t, new StackTraceElement[0])));
                }
                problems.add(new AssertionError(sb.toString()));
            }
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

    private static List<Thread> leaked(Set<Thread> before) {
        List<Thread> out = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && !before.contains(t) && !ignorable(t)) {
                out.add(t);
            }
        }
        return out;
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
