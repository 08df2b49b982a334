package io.tandem.test;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Proves {@link ConcurrencyHygiene} fails a test for each kind of leak, and passes a test that cleans up: each
 * case runs a small test class (nested here, skipped unless launched from this test) in a JUnit launcher of its
 * own, with a short leak grace, and reads the outcome. What the nested tests leak on purpose is released and
 * reaped here afterwards, so this test itself leaks nothing. The nested classes name the extension with
 * {@code @ExtendWith} because on the module path (-Pmodule-path) core's tests are patched into a named module,
 * where {@code META-INF/services} autodetection does not apply.
 */
class ConcurrencyHygieneTest {
    private static volatile boolean launched;
    private static volatile CountDownLatch release = new CountDownLatch(1);
    private static final List<Thread> THREADS = new CopyOnWriteArrayList<>();
    private static final List<Process> PROCESSES = new CopyOnWriteArrayList<>();
    private static final List<Path> FILES = new CopyOnWriteArrayList<>();
    private static final List<ServerSocketChannel> SOCKETS = new CopyOnWriteArrayList<>();

    @BeforeEach
    void newRelease() {
        release = new CountDownLatch(1);
    }

    @AfterEach
    void reapWhatTheNestedTestsLeaked() throws Exception {
        release.countDown();
        for (Thread t : THREADS) {
            assertTrue(t.join(java.time.Duration.ofSeconds(30)), "leaked test thread did not end: " + t);
        }
        for (Process p : PROCESSES) {
            p.destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "leaked test process did not exit: " + p.pid());
        }
        for (ServerSocketChannel s : SOCKETS) {
            s.close();
        }
        for (Path f : FILES) {
            Files.deleteIfExists(f);
        }
        SOCKETS.clear();
        THREADS.clear();
        PROCESSES.clear();
        FILES.clear();
    }

    @Test
    void failsATestThatLeaksAPlatformThread() {
        assertFailsWith(LeaksPlatformThread.class, "1 thread(s) leaked", "\"hygiene-leaky-platform\"");
    }

    @Test
    void failsATestThatLeaksAVirtualThread() {
        assertFailsWith(LeaksVirtualThread.class, "1 thread(s) leaked", "virtual thread", "\"hygiene-leaky-virtual\"",
                "CountDownLatch.await");
    }

    @Test
    void failsATestThatLeaksAVirtualThreadOfAnExecutor() {
        assertFailsWith(LeaksVirtualThreadOfAnExecutor.class, "1 thread(s) leaked", "ThreadPerTaskExecutor");
    }

    @Test
    void failsATestThatLeaksAChildProcess() throws InterruptedException {
        assertFailsWith(LeaksChildProcess.class, "1 child process(es) leaked", "sleep");
        // "sleep 3600" ends this soon only if the hygiene check destroyed it, as it says it does
        assertTrue(PROCESSES.getFirst().waitFor(30, TimeUnit.SECONDS), "the hygiene check destroys what it reports");
    }

    @Test
    void failsATestThatLeaksAPidTaggedSharedMemoryFile() {
        assertFailsWith(LeaksPidTaggedFile.class, "1 file(s) leaked", "tandem-" + ProcessHandle.current().pid() + "-");
    }

    @Test
    void failsATestThatLeaksAnOpenPoolSocketDirectory() {
        assertFailsWith(LeaksOpenPoolSocket.class, "1 file(s) leaked", "(directory)", "tandem-hygiene-pool-");
    }

    @Test
    void failsATestThatLeavesAClosedPoolsSocketDirectoryBehind() {
        assertFailsWith(LeavesClosedPoolSocketBehind.class, "1 file(s) leaked", "(directory)", "tandem-hygiene-pool-");
    }

    @Test
    void passesATestThatEndsEverythingItStarts() {
        TestExecutionSummary summary = launch(CleansUp.class);
        assertEquals(0, summary.getTotalFailureCount(), () -> failures(summary));
        assertEquals(1, summary.getTestsSucceededCount());
    }

    @Test
    void doesNotBlameAnotherProcessesPidTaggedFile() {
        TestExecutionSummary summary = launch(CreatesAnotherPidsFile.class);
        assertEquals(0, summary.getTotalFailureCount(), () -> failures(summary));
        assertEquals(1, summary.getTestsSucceededCount());
    }

    @Test
    void honoursTheThreadLeakOptOut() {
        TestExecutionSummary summary = launch(LeaksThreadsButOptsOut.class);
        assertEquals(0, summary.getTotalFailureCount(), () -> failures(summary));
        assertEquals(1, summary.getTestsSucceededCount());
    }

    private static void assertFailsWith(Class<?> body, String... fragments) {
        TestExecutionSummary summary = launch(body);
        assertEquals(1, summary.getTestsFailedCount(), () -> "expected the hygiene check to fail " + body.getSimpleName()
                + "; " + summary.getTestsSucceededCount() + " passed\n" + failures(summary));
        String message = summary.getFailures().getFirst().getException().getMessage();
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), () -> "failure message lacks '" + fragment + "':\n" + message);
        }
    }

    private static TestExecutionSummary launch(Class<?> body) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(body))
                .configurationParameter("tandem.leakGraceSeconds", "0.3")
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launched = true;
        try {
            launcher.execute(request, listener);
        } finally {
            launched = false;
        }
        TestExecutionSummary summary = listener.getSummary();
        assertEquals(1, summary.getTestsFoundCount(), "the nested body holds one test");
        return summary;
    }

    private static String failures(TestExecutionSummary summary) {
        StringBuilder sb = new StringBuilder();
        summary.getFailures().forEach(f -> sb.append(f.getTestIdentifier().getDisplayName()).append(": ")
                .append(f.getException()).append('\n'));
        return sb.toString();
    }

    private static void onlyWhenLaunchedByTheEnclosingTest() {
        Assumptions.assumeTrue(launched, "runs only inside ConcurrencyHygieneTest's own launcher");
    }

    private static void awaitRelease() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path pidTagged(long pid) throws IOException {
        Path f = TandemFiles.sharedMemoryDirectory().resolve("tandem-" + pid + "-hygiene-" + System.nanoTime());
        FILES.add(f);
        return Files.createFile(f);
    }

    @ExtendWith(ConcurrencyHygiene.class)
    static class LeaksPlatformThread {
        @Test
        void body() {
            onlyWhenLaunchedByTheEnclosingTest();
            THREADS.add(Thread.ofPlatform().name("hygiene-leaky-platform").start(ConcurrencyHygieneTest::awaitRelease));
        }
    }

    @ExtendWith(ConcurrencyHygiene.class)
    static class LeaksVirtualThread {
        @Test
        void body() {
            onlyWhenLaunchedByTheEnclosingTest();
            THREADS.add(Thread.ofVirtual().name("hygiene-leaky-virtual").start(ConcurrencyHygieneTest::awaitRelease));
        }
    }

    @ExtendWith(ConcurrencyHygiene.class)
    static class LeaksVirtualThreadOfAnExecutor {
        @Test
        void body() {
            onlyWhenLaunchedByTheEnclosingTest();
            CountDownLatch started = new CountDownLatch(1);
            // never closed on purpose: its one task outlives the test
            var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
            executor.execute(() -> {
                THREADS.add(Thread.currentThread());
                started.countDown();
                awaitRelease();
            });
            try {
                started.await();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    @ExtendWith(ConcurrencyHygiene.class)
    static class LeaksChildProcess {
        @Test
        void body() throws IOException {
            onlyWhenLaunchedByTheEnclosingTest();
            PROCESSES.add(new ProcessBuilder("sleep", "3600").start());
        }
    }

    @ExtendWith(ConcurrencyHygiene.class)
    static class LeaksPidTaggedFile {
        @Test
        void body() throws IOException {
            onlyWhenLaunchedByTheEnclosingTest();
            pidTagged(ProcessHandle.current().pid());
        }
    }

    /** A directory like a process pool's today ({@code tandem-<pool>-<random>/pool.sock}, no pid in the name). */
    private static Path poolStyleSocketDirectory() throws IOException {
        Path dir = Files.createTempDirectory("tandem-hygiene-pool-");
        FILES.add(dir.resolve("pool.sock"));
        FILES.add(dir);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(dir.resolve("pool.sock")));
        SOCKETS.add(server);
        return dir;
    }

    @ExtendWith(ConcurrencyHygiene.class)
    static class LeaksOpenPoolSocket {
        @Test
        void body() throws IOException {
            onlyWhenLaunchedByTheEnclosingTest();
            poolStyleSocketDirectory();
        }
    }

    @ExtendWith(ConcurrencyHygiene.class)
    static class LeavesClosedPoolSocketBehind {
        @Test
        void body() throws IOException {
            onlyWhenLaunchedByTheEnclosingTest();
            poolStyleSocketDirectory();
            SOCKETS.getLast().close(); // closed, but the directory and its socket file stay
        }
    }

    @ExtendWith(ConcurrencyHygiene.class)
    static class CreatesAnotherPidsFile {
        @Test
        void body() throws IOException {
            onlyWhenLaunchedByTheEnclosingTest();
            pidTagged(1); // init's pid: never this JVM nor one of its children
        }
    }

    @ExtendWith(ConcurrencyHygiene.class)
    static class CleansUp {
        @Test
        void body() throws Exception {
            onlyWhenLaunchedByTheEnclosingTest();
            Thread platform = Thread.ofPlatform().start(() -> { });
            Thread virtual = Thread.ofVirtual().start(() -> { });
            try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                executor.submit(() -> 42);
            }
            Process p = new ProcessBuilder("true").start();
            Files.delete(pidTagged(ProcessHandle.current().pid()));
            Path pool = poolStyleSocketDirectory();
            SOCKETS.getLast().close();
            Files.delete(pool.resolve("pool.sock"));
            Files.delete(pool);
            platform.join();
            virtual.join();
            assertEquals(0, p.waitFor());
        }
    }

    @ExtendWith(ConcurrencyHygiene.class)
    @AllowThreadLeaks("proves the opt-out works")
    static class LeaksThreadsButOptsOut {
        @Test
        void body() {
            onlyWhenLaunchedByTheEnclosingTest();
            THREADS.add(Thread.ofPlatform().start(ConcurrencyHygieneTest::awaitRelease));
            THREADS.add(Thread.ofVirtual().start(ConcurrencyHygieneTest::awaitRelease));
        }
    }
}
