package io.tandem.process;

import io.tandem.PoolClosedException;
import io.tandem.RetryPolicy;
import io.tandem.function.SerializableCallable;
import io.tandem.Task;
import io.tandem.Tasks;
import io.tandem.process.internal.ProcessPoolImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Serializable;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

import static io.tandem.test.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every failure mode of the worker-process pool, provoked for real. */
class ProcessPoolTest {
    @TempDir
    Path tmp;

    /** Runs in a worker: writes its pid to {@code marker}, then blocks until killed or interrupted. */
    static long announceAndBlock(String marker) throws Exception {
        long pid = ProcessHandle.current().pid();
        Files.writeString(Path.of(marker), Long.toString(pid));
        new CountDownLatch(1).await();
        return pid;
    }

    private static long awaitPid(Path marker) throws Exception {
        await("the task announced its worker's pid", () -> Files.exists(marker) && !readQuietly(marker).isEmpty());
        return Long.parseLong(Files.readString(marker).trim());
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p).trim();
        } catch (Exception e) {
            return "";
        }
    }

    private static ProcessPool.Builder quiet() {
        return ProcessPool.builder().output(WorkerOutput.discard());
    }

    @Test
    void sigkillMidTaskFailsOnlyThatTaskAndTheWorkerIsReplaced() throws Exception {
        try (ProcessPool pool = quiet().workers(2).build()) {
            String marker = tmp.resolve("pid").toString();
            Task<Long> victim = pool.submit("victim", () -> announceAndBlock(marker));
            List<Task<Integer>> others = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int n = i;
                others.add(pool.submit(() -> n * n));
            }
            long pid = awaitPid(tmp.resolve("pid"));
            ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // SIGKILL
            CompletionException e = assertThrows(CompletionException.class, victim::join);
            WorkerDiedException died = assertInstanceOf(WorkerDiedException.class, e.getCause());
            assertEquals(pid, died.pid());
            assertEquals(9, died.signal().orElseThrow());
            assertEquals("victim", died.taskName());
            assertEquals(1, died.attempt());
            assertTrue(died.getMessage().contains("SIGKILL"), died.getMessage());
            for (int i = 0; i < 20; i++) {
                assertEquals(i * i, others.get(i).join());
            }
            await("a replacement worker", () -> pool.workersStarted() >= 3 && pool.workerPids().size() == 2);
            assertFalse(pool.workerPids().contains(pid));
            assertEquals(7, pool.submit(() -> 7).join());
        }
    }

    @Test
    void systemExitInATaskIsAWorkerDeathWithItsStatus() {
        try (ProcessPool pool = quiet().workers(1).build()) {
            Task<Object> t = pool.submit(() -> {
                System.exit(42);
                return null;
            });
            WorkerDiedException e = assertInstanceOf(WorkerDiedException.class,
                    assertThrows(CompletionException.class, t::join).getCause());
            assertEquals(42, e.exitStatus());
            assertTrue(e.getMessage().contains("exited with status 42"), e.getMessage());
            assertEquals("ok", pool.submit(() -> "ok").join());
        }
    }

    @Test
    void outOfMemoryKillsTheWorkerAndItsStderrIsInTheMessage() {
        try (ProcessPool pool = quiet().workers(1).workerHeap("32m").build()) {
            Task<Integer> t = pool.submit(() -> {
                List<long[]> hog = new ArrayList<>();
                while (true) {
                    hog.add(new long[1 << 20]);
                    if (hog.size() < 0) {
                        return hog.size();
                    }
                }
            });
            WorkerDiedException e = assertInstanceOf(WorkerDiedException.class,
                    assertThrows(CompletionException.class, t::join).getCause());
            assertTrue(e.lastStderr().stream().anyMatch(l -> l.contains("OutOfMemoryError")), e.getMessage());
            assertEquals(1, pool.submit(() -> 1).join());
        }
    }

    /** Calls libc's abort(): a real native crash (SIGABRT) of the worker. */
    static Object abortProcess() throws Throwable {
        Linker linker = Linker.nativeLinker();
        var abort = linker.downcallHandle(linker.defaultLookup().find("abort").orElseThrow(), FunctionDescriptor.ofVoid());
        abort.invokeExact();
        return null;
    }

    @Test
    void nativeCrashIsAWorkerDeath() {
        try (ProcessPool pool = quiet().workers(1).build()) {
            Task<Object> t = pool.submit(() -> {
                try {
                    return abortProcess();
                } catch (Throwable e) {
                    throw new IllegalStateException(e);
                }
            });
            WorkerDiedException e = assertInstanceOf(WorkerDiedException.class,
                    assertThrows(CompletionException.class, t::join).getCause());
            assertEquals(6, e.signal().orElseThrow(), e.getMessage()); // SIGABRT
            assertEquals(2, pool.submit(() -> 2).join());
        }
    }

    static int recurse(int n) {
        return recurse(n + 1) + 1;
    }

    @Test
    void stackOverflowFailsTheTaskWithItsOwnErrorAndTheWorkerLivesOn() {
        try (ProcessPool pool = quiet().workers(1).build()) {
            long pid = pool.submit(() -> ProcessHandle.current().pid()).join();
            Task<Integer> t = pool.submit(() -> recurse(0));
            assertInstanceOf(StackOverflowError.class, assertThrows(CompletionException.class, t::join).getCause());
            assertEquals(pid, pool.submit(() -> ProcessHandle.current().pid()).join(), "same worker");
        }
    }

    @Test
    void retriesRunATaskWhoseWorkerDiedAgain() {
        String marker = tmp.resolve("first-attempt").toString();
        try (ProcessPool pool = quiet().workers(1).retries(1).build()) {
            Task<String> t = pool.submit("flaky", () -> {
                Path p = Path.of(marker);
                if (!Files.exists(p)) {
                    Files.writeString(p, "x");
                    Runtime.getRuntime().halt(1);
                }
                return "second attempt";
            });
            assertEquals("second attempt", t.join());
        }
    }

    /** Runs in a worker: appends {@code line} to the file {@code log}. */
    static void append(String log, String line) throws IOException {
        Files.writeString(Path.of(log), line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void aRetryPolicyThatDoesNotAcceptWorkerDeathsDoesNotRetry() throws Exception {
        String log = tmp.resolve("attempts").toString();
        RetryPolicy onlyIo = RetryPolicy.attempts(3).retryOn(IOException.class);
        try (ProcessPool pool = quiet().workers(1).retry(onlyIo).build()) {
            Task<String> t = pool.submit("dies", () -> {
                append(log, "attempt");
                Runtime.getRuntime().halt(1);
                return "unreachable";
            });
            WorkerDiedException died = assertInstanceOf(WorkerDiedException.class,
                    assertThrows(CompletionException.class, t::join).getCause());
            assertEquals(1, died.attempt());
        }
        assertEquals(List.of("attempt"), Files.readAllLines(Path.of(log)));
    }

    /** Runs in a worker: logs "A" and its attempt number; attempts 1 and 2 kill their worker. */
    static String diesTwice(String log) throws IOException {
        Path p = Path.of(log);
        long attempt = 1 + (Files.exists(p) ? Files.readAllLines(p).stream().filter(l -> l.startsWith("A")).count() : 0);
        append(log, "A" + attempt);
        if (attempt < 3) {
            Runtime.getRuntime().halt(1);
        }
        return "A" + attempt;
    }

    @Test
    void aRetryBackoffLetsLaterTasksRunFirstAndCountsAttempts() throws Exception {
        String log = tmp.resolve("log").toString();
        CountDownLatch firstDeathDecided = new CountDownLatch(1);
        ConcurrentLinkedQueue<Throwable> judged = new ConcurrentLinkedQueue<>();
        // the backoff only has to outlast one local submission; nothing below measures time
        RetryPolicy policy = RetryPolicy.attempts(3).backoff(Duration.ofSeconds(2)).retryIf(e -> {
            judged.add(e);
            firstDeathDecided.countDown();
            return true;
        });
        try (ProcessPool pool = quiet().workers(1).retry(policy).build()) {
            Task<String> a = pool.submit("a", () -> diesTwice(log));
            assertTrue(firstDeathDecided.await(1, java.util.concurrent.TimeUnit.MINUTES), "the first death was judged");
            Task<String> b = pool.submit("b", () -> {
                append(log, "B");
                return "B";
            });
            assertEquals("A3", a.join());
            assertEquals("B", b.join());
        }
        assertEquals(List.of("A1", "B", "A2", "A3"), Files.readAllLines(Path.of(log)),
                "the retry waited out its backoff off the queue, so B (submitted during it) ran first");
        assertEquals(List.of(1, 2), judged.stream().map(e -> assertInstanceOf(WorkerDiedException.class, e).attempt()).toList());
    }

    static final class CustomFailure extends RuntimeException {
        CustomFailure(String message) {
            super(message);
        }
    }

    @Test
    void aTaskExceptionArrivesWithItsTypeAndRemoteStack() {
        try (ProcessPool pool = quiet().workers(1).build()) {
            Task<Object> t = pool.submit(() -> {
                throw new CustomFailure("bad input 17");
            });
            CustomFailure e = assertInstanceOf(CustomFailure.class, assertThrows(CompletionException.class, t::join).getCause());
            assertEquals("bad input 17", e.getMessage());
            assertTrue(e.getStackTrace().length > 0 && e.getStackTrace()[0].getClassName().contains("ProcessPoolTest"),
                    "the remote stack trace points at the task: " + List.of(e.getStackTrace()));
        }
    }

    /** An exception that JDK serialization cannot carry (it holds a thread). */
    static final class Unsendable extends RuntimeException {
        final Thread holder = Thread.currentThread();

        Unsendable() {
            super("cannot travel");
        }
    }

    @Test
    void anExceptionThatCannotTravelBecomesARemoteTaskException() {
        try (ProcessPool pool = quiet().workers(1).codec(Codecs.java()).build()) {
            Task<Object> t = pool.submit(() -> {
                throw new Unsendable();
            });
            RemoteTaskException e = assertInstanceOf(RemoteTaskException.class,
                    assertThrows(CompletionException.class, t::join).getCause());
            assertEquals(Unsendable.class.getName(), e.remoteClassName());
            assertTrue(e.getMessage().contains("cannot travel"), e.getMessage());
            assertTrue(e.getStackTrace().length > 0);
        }
    }

    @Test
    void aLambdaThatCannotTravelFailsAtSubmissionAndSaysHow() {
        try (ProcessPool pool = quiet().workers(1).build()) {
            Callable<Integer> plain = () -> 1;
            CodecException e = assertThrows(CodecException.class, () -> pool.submit(plain));
            assertTrue(e.getMessage().contains("SerializableCallable"), e.getMessage());
            Thread notSendable = Thread.currentThread();
            CodecException captured = assertThrows(CodecException.class,
                    () -> pool.submit(() -> notSendable.getName()));
            assertTrue(captured.getMessage().contains("cannot send the task"), captured.getMessage());
        }
    }

    @Test
    void cancelInterruptsTheTaskInItsWorkerWhichLivesOn() throws Exception {
        // a long grace: this test checks the interrupt path, not the kill after the grace
        try (ProcessPool pool = quiet().workers(1).cancelGrace(Duration.ofSeconds(60)).build()) {
            String marker = tmp.resolve("pid").toString();
            Task<Long> t = pool.submit(() -> announceAndBlock(marker));
            long pid = awaitPid(tmp.resolve("pid"));
            assertTrue(t.cancel(true));
            assertThrows(CancellationException.class, t::join);
            assertEquals(pid, pool.submit(() -> ProcessHandle.current().pid()).join(), "interrupted, not killed");
            assertEquals(1, pool.workersStarted());
        }
    }

    @Test
    void aTaskThatIgnoresCancellationIsKilledAfterTheGrace() throws Exception {
        try (ProcessPool pool = quiet().workers(1).cancelGrace(Duration.ofMillis(200)).build()) {
            String marker = tmp.resolve("pid").toString();
            Task<Object> t = pool.submit(() -> {
                Files.writeString(Path.of(marker), Long.toString(ProcessHandle.current().pid()));
                while (true) {
                    Thread.onSpinWait(); // ignores interrupts
                }
            });
            long pid = awaitPid(tmp.resolve("pid"));
            t.cancel(true);
            await("the stuck worker was killed", () -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
            assertNotEquals(pid, pool.submit(() -> ProcessHandle.current().pid()).join());
        }
    }

    @Test
    void taskTimeoutFailsTheTaskAndInterruptsIt() {
        try (ProcessPool pool = quiet().workers(1).taskTimeout(Duration.ofSeconds(2)).build()) {
            Task<Object> t = pool.submit("sleepy", () -> {
                Thread.sleep(60_000); // the workload: longer than the timeout
                return null;
            });
            TimeoutException e = assertInstanceOf(TimeoutException.class, assertThrows(CompletionException.class, t::join).getCause());
            assertTrue(e.getMessage().contains("sleepy"), e.getMessage());
            assertEquals(3, pool.submit(() -> 3).join());
        }
    }

    @Test
    void maxTasksPerWorkerReplacesWorkers() {
        try (ProcessPool pool = quiet().workers(1).maxTasksPerWorker(2).build()) {
            Set<Long> pids = new HashSet<>();
            for (int i = 0; i < 6; i++) {
                pids.add(pool.submit(() -> ProcessHandle.current().pid()).join());
            }
            assertEquals(3, pids.size(), "2 tasks per worker: " + pids);
        }
    }

    @Test
    void initializerRunsOncePerWorkerBeforeTasks() {
        // The initializer counts its runs in the worker ("<pid>:<runs>"); every task must see exactly one run.
        try (ProcessPool pool = quiet().workers(2).initializer(() -> {
            String previous = System.getProperty("tandem.test.init");
            int runs = previous == null ? 1 : Integer.parseInt(previous.substring(previous.indexOf(':') + 1)) + 1;
            System.setProperty("tandem.test.init", ProcessHandle.current().pid() + ":" + runs);
        }).build()) {
            List<Task<String>> tasks = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                tasks.add(pool.submit(() -> ProcessHandle.current().pid() + " saw " + System.getProperty("tandem.test.init")));
            }
            for (String seen : Tasks.gather(tasks)) {
                String pid = seen.substring(0, seen.indexOf(' '));
                assertEquals(pid + " saw " + pid + ":1", seen, "the initializer ran once, in this worker, before the task");
            }
        }
    }

    @Test
    void anInitializerThatThrowsFailsTasksInsteadOfHanging() {
        try (ProcessPool pool = quiet().workers(1).initializer(() -> {
            throw new IllegalStateException("no config file");
        }).build()) {
            Task<Integer> t = pool.submit(() -> 1);
            WorkerStartException e = assertInstanceOf(WorkerStartException.class,
                    assertThrows(CompletionException.class, t::join).getCause());
            assertTrue(e.getMessage().contains("no config file"), e.getMessage());
            assertThrows(WorkerStartException.class, () -> pool.awaitReady(Duration.ofSeconds(30)));
        }
    }

    @Test
    void badJvmOptionsFailTasksWithTheWorkersStderr() {
        try (ProcessPool pool = quiet().workers(1).jvmOptions("-XX:+NoSuchOptionAtAll").build()) {
            Task<Integer> t = pool.submit(() -> 1);
            WorkerStartException e = assertInstanceOf(WorkerStartException.class,
                    assertThrows(CompletionException.class, t::join).getCause());
            assertTrue(e.getMessage().contains("NoSuchOptionAtAll"), e.getMessage());
        }
    }

    @Test
    void closeLeavesNoProcessAndNoSocketDirectory() throws Exception {
        ProcessPool pool = quiet().workers(2).build();
        assertTrue(pool.awaitReady(Duration.ofSeconds(60)));
        List<Long> pids = pool.workerPids();
        Path dir = ((ProcessPoolImpl) pool).socketDirectory();
        assertTrue(Files.isDirectory(dir));
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        pool.close();
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "worker " + pid + " still alive");
        }
        assertFalse(Files.exists(dir), "socket directory removed");
        assertThrows(PoolClosedException.class, () -> pool.submit(() -> 1));
    }

    @Test
    void shutdownNowKillsWorkersAndCancelsEverything() throws Exception {
        ProcessPool pool = quiet().workers(1).build();
        String marker = tmp.resolve("pid").toString();
        Task<Long> running = pool.submit(() -> announceAndBlock(marker));
        Task<Integer> queued = pool.submit(() -> 1);
        long pid = awaitPid(tmp.resolve("pid"));
        pool.shutdownNow();
        pool.close();
        assertTrue(running.isCancelled());
        assertTrue(queued.isCancelled());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void workerOutputIsForwardedLineByLine() {
        ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
        try (ProcessPool pool = ProcessPool.builder().workers(1)
                .output((worker, stderr, line) -> lines.add((stderr ? "err " : "out ") + line)).build()) {
            pool.submit(() -> {
                System.out.println("hello from a worker");
                System.err.println("and its stderr");
                return null;
            }).join();
            // worker numbers are unique in the JVM (WorkerOutputLabelTest), so other tests' pools took some
            await("forwarded lines", () -> lines.contains("out hello from a worker") && lines.contains("err and its stderr"));
        }
    }

    @Test
    void mapAndImapOverManyItemsInOrder() {
        List<Integer> in = IntStream.range(0, 20_000).boxed().toList();
        try (ProcessPool pool = quiet().workers(2).build()) {
            List<Long> squares = pool.map(x -> (long) x * x, in);
            for (int i = 0; i < in.size(); i++) {
                assertEquals((long) i * i, squares.get(i));
            }
            List<Integer> one = new ArrayList<>();
            pool.imap(x -> x + 1, in.subList(0, 2_000)).forEachRemaining(one::add);
            assertEquals(IntStream.range(1, 2_001).boxed().toList(), one);
        }
    }

    /** starmap-style use: a record of arguments. */
    record Pair(int a, int b) implements Serializable {
    }

    @Test
    void starmapWithRecords() {
        try (ProcessPool pool = quiet().workers(2).build()) {
            List<Integer> sums = pool.map(p -> p.a() + p.b(), List.of(new Pair(1, 2), new Pair(3, 4), new Pair(5, 6)));
            assertEquals(List.of(3, 7, 11), sums);
        }
    }

    @Test
    void processesRunAndStartInAFreshJvm() {
        long mine = ProcessHandle.current().pid();
        long theirs = Processes.run(() -> ProcessHandle.current().pid());
        assertNotEquals(mine, theirs);
        Task<String> t = Processes.start(() -> "from " + ProcessHandle.current().pid());
        assertTrue(t.join().startsWith("from "));
        await("the one-off worker exited", () -> ProcessHandle.of(theirs).map(h -> !h.isAlive()).orElse(true));
    }

    @Test
    void bothCodecsCarryTasksAndResults() {
        for (Codec codec : List.of(Codecs.fory(), Codecs.java(), Codecs.fory(List.of("io.tandem.")))) {
            try (ProcessPool pool = quiet().workers(1).codec(codec).build()) {
                SerializableCallable<List<String>> task = () -> List.of("a", "b");
                assertEquals(List.of("a", "b"), pool.submit(task).join(), codec.id());
            }
        }
    }

    @Test
    void builderRejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> ProcessPool.builder().workers(0));
        assertThrows(IllegalArgumentException.class, () -> ProcessPool.builder().workerHeap("lots"));
        assertThrows(IllegalArgumentException.class, () -> ProcessPool.builder().pipelineDepth(0));
        assertThrows(IllegalArgumentException.class, () -> ProcessPool.builder().retries(-1));
        assertThrows(NullPointerException.class, () -> ProcessPool.builder().retry(null));
        assertThrows(IllegalArgumentException.class, () -> ProcessPool.builder().taskTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> ProcessPool.builder().jvmOptions(" "));
        assertThrows(IllegalArgumentException.class, () -> Codecs.fory(List.of("a,b")));
    }
}
