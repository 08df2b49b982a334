package io.tandem.test;

import io.tandem.ItemFailedException;
import io.tandem.Outcome;
import io.tandem.PoolClosedException;
import io.tandem.function.SerializableCallable;
import io.tandem.function.SerializableRunnable;
import io.tandem.Task;
import io.tandem.TaskPool;
import io.tandem.spi.Capability;
import io.tandem.Tasks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.stream.IntStream;

import static io.tandem.test.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The behaviour every {@link TaskPool} must have, run over every pool kind: subclass it and implement
 * {@link #newPool(BiConsumer)}. Covers results and names, ordering of map/imap, fail-fast with the item
 * index, laziness of imap, cancellation and interrupts, close/shutdown/shutdownNow, rejected submissions,
 * nested submission without deadlock, failure reporting and the ExecutorService bulk methods.
 *
 * <p>Kinds that run tasks in the caller ({@link #runsInCaller()}) skip the tests that need a task to run
 * while the test thread does something else. Tasks here must be serializable lambdas that capture only
 * serializable values when {@link #crossesProcesses()} is true; the blocking tests use static latches
 * only in-process.
 */
public abstract class TaskPoolConformanceTest {
    private final ConcurrentLinkedQueue<Throwable> uncaught = new ConcurrentLinkedQueue<>();
    private final List<TaskPool> pools = new ArrayList<>();
    protected TaskPool pool;

    /** A new pool that reports unobserved failures to {@code uncaughtHandler}. */
    protected abstract TaskPool newPool(BiConsumer<Task<?>, Throwable> uncaughtHandler);

    /** Tasks run inside {@code submit} (the direct pool): asked of the pool, through the SPI's capabilities. */
    protected final boolean runsInCaller() {
        return pool.capabilities().contains(Capability.CALLER_RUNS);
    }

    /** Tasks run in another process and cannot share memory with the test: asked of the pool. */
    protected final boolean crossesProcesses() {
        return pool.capabilities().contains(Capability.OTHER_PROCESS);
    }

    /**
     * At most how many chunks a lazy map of this pool keeps in flight (for the laziness check); a bound at
     * least as large as the backend's {@link io.tandem.spi.PoolBackend#mapWindow()}.
     */
    protected int lazyWindowChunks(TaskPool p) {
        return Math.max(2, 2 * p.parallelism());
    }

    @BeforeEach
    void openPool() {
        pool = track(newPool((t, e) -> uncaught.add(e)));
    }

    protected TaskPool track(TaskPool p) {
        pools.add(p);
        return p;
    }

    @AfterEach
    void closePools() {
        for (TaskPool p : pools) {
            p.shutdownNow();
            p.close();
            assertTrue(p.isTerminated(), "pool terminated after close: " + p);
        }
    }

    // ---- results ---------------------------------------------------------------------------------

    @Test
    void submitReturnsResultAndIsDone() {
        Task<Integer> t = pool.submit(() -> 6 * 7);
        assertEquals(42, t.join());
        assertEquals(Future.State.SUCCESS, t.state());
        assertEquals(Outcome.success(42), t.outcome());
        assertTrue(t.isDone());
    }

    @Test
    void namedTaskKeepsItsNameAndGeneratedNamesAreUnique() {
        Task<String> named = pool.submit("answer", () -> "x");
        named.join();
        assertEquals("answer", named.name());
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            Task<Integer> t = pool.submit(() -> 1);
            t.join();
            assertTrue(names.add(t.name()), "duplicate generated name " + t.name());
            assertTrue(t.name().startsWith(pool.name()), t.name() + " starts with the pool name " + pool.name());
        }
    }

    @Test
    void failureReachesJoinGetAndOutcome() throws InterruptedException {
        Task<Integer> t = pool.submit(() -> {
            throw new IllegalStateException("boom");
        });
        CompletionException ce = assertThrows(CompletionException.class, t::join);
        assertInstanceOf(IllegalStateException.class, ce.getCause());
        ExecutionException ee = assertThrows(ExecutionException.class, t::get);
        assertEquals("boom", ee.getCause().getMessage());
        assertInstanceOf(Outcome.Failure.class, t.outcome());
        assertEquals(Future.State.FAILED, t.state());
        assertTrue(ce.getMessage().contains(t.name()), "message names the task: " + ce.getMessage());
    }

    @Test
    void checkedExceptionOfATaskIsTheCauseUnwrapped() {
        Task<String> value = pool.submit(() -> readOrFail("missing"));
        ExecutionException ee = assertThrows(ExecutionException.class, value::get);
        assertInstanceOf(java.io.IOException.class, ee.getCause());
        assertEquals("no such item: missing", ee.getCause().getMessage());
        Task<Void> none = pool.submit(() -> failIfNegative(-1));
        CompletionException ce = assertThrows(CompletionException.class, none::join);
        assertInstanceOf(java.io.IOException.class, ce.getCause());
        assertEquals("negative: -1", ce.getCause().getMessage());
    }

    @Test
    void voidLambdaRunsAsATaskWithNullResult() {
        Task<Void> ok = pool.submit(() -> failIfNegative(1));
        assertEquals(null, ok.join());
        assertEquals(Future.State.SUCCESS, ok.state());
        Task<Void> block = pool.submit(() -> {
            failIfNegative(2);
        });
        assertEquals(null, block.join());
    }

    @Test
    void mapFunctionMayThrowACheckedExceptionThatBecomesTheItemsCause() {
        List<Integer> input = IntStream.range(0, 300).boxed().toList();
        for (int chunk : new int[] {0, 1, 7}) {
            ItemFailedException e = assertThrows(ItemFailedException.class,
                    () -> pool.map(x -> x == 123 ? readOrFail("item " + x) : "ok", input, chunk));
            assertEquals(123, e.index(), "chunk " + chunk);
            assertInstanceOf(java.io.IOException.class, e.getCause());
            assertEquals("no such item: item 123", e.getCause().getMessage());
        }
        Iterator<String> it = pool.imapUnordered(x -> x == 5 ? readOrFail("five") : "ok", input, 4);
        ItemFailedException e = assertThrows(ItemFailedException.class, () -> {
            while (it.hasNext()) {
                it.next();
            }
        });
        assertEquals(5, e.index());
        assertInstanceOf(java.io.IOException.class, e.getCause());
    }

    /** A stand-in for an I/O call: declares a checked exception and throws it for "missing" inputs. */
    static String readOrFail(String what) throws java.io.IOException {
        if (what.equals("missing") || what.startsWith("item") || what.equals("five")) {
            throw new java.io.IOException("no such item: " + what);
        }
        return what;
    }

    /** A void method that declares a checked exception: Python's {@code target} that returns {@code None}. */
    static void failIfNegative(int n) throws java.io.IOException {
        if (n < 0) {
            throw new java.io.IOException("negative: " + n);
        }
    }

    @Test
    void runnableSubmissionsCompleteWithNullOrGivenResult() {
        AtomicInteger ran = new AtomicInteger();
        assumeFalse(crossesProcesses());
        Runnable r = ran::incrementAndGet;
        assertEquals(null, pool.submit(r).join());
        assertEquals("done", pool.submit(r, "done").join());
        assertEquals(2, ran.get());
    }

    @Test
    void manyTasksAllComplete() {
        List<Task<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            int n = i;
            tasks.add(pool.submit(() -> n * 2));
        }
        List<Integer> results = Tasks.gather(tasks);
        for (int i = 0; i < results.size(); i++) {
            assertEquals(i * 2, results.get(i));
        }
    }

    @Test
    void onCompleteRunsOnceForDoneAndPendingTasks() {
        Task<Integer> t = pool.submit(() -> 5);
        CompletableFuture<Outcome<Integer>> seen = new CompletableFuture<>();
        t.onComplete(seen::complete);
        assertEquals(Outcome.success(5), seen.join());
        CompletableFuture<Outcome<Integer>> late = new CompletableFuture<>();
        t.onComplete(late::complete); // already done: runs at once
        assertTrue(late.isDone());
    }

    @Test
    void callbackFailureGoesToUncaughtHandlerNotToTheTask() {
        Task<Integer> t = pool.submit(() -> 1);
        t.join();
        t.onComplete(o -> {
            throw new IllegalArgumentException("callback bug");
        });
        assertEquals(1, t.join());
        await("handler saw the callback failure", () -> uncaught.stream().anyMatch(e -> "callback bug".equals(e.getMessage())));
        uncaught.clear();
    }

    @Test
    void toCompletableFutureCompletesAndPropagatesFailure() {
        assertEquals(3, pool.submit(() -> 3).toCompletableFuture().join());
        CompletableFuture<Object> cf = pool.submit(() -> {
            throw new UnsupportedOperationException("nope");
        }).toCompletableFuture();
        CompletionException e = assertThrows(CompletionException.class, cf::join);
        assertInstanceOf(UnsupportedOperationException.class, e.getCause());
    }

    // ---- map ---------------------------------------------------------------------------------------

    @Test
    void mapKeepsInputOrderForEveryChunkSize() {
        List<Integer> input = IntStream.range(0, 10_000).boxed().toList();
        List<Integer> expected = input.stream().map(x -> x * x).toList();
        assertEquals(expected, pool.map(x -> x * x, input));
        assertEquals(expected, pool.map(x -> x * x, input, 1));
        assertEquals(expected, pool.map(x -> x * x, input, 7));
        assertEquals(expected, pool.map(x -> x * x, input, 20_000));
        assertEquals(List.of(), pool.map(x -> x, List.of()));
    }

    @Test
    void mapAcceptsAnyIterableAndNullResults() {
        Iterable<Integer> lazy = () -> IntStream.range(0, 100).iterator();
        List<Object> out = pool.map(x -> x % 2 == 0 ? null : x, lazy);
        assertEquals(100, out.size());
        assertEquals(null, out.get(0));
        assertEquals(1, out.get(1));
    }

    @Test
    void mapFailsFastWithTheItemIndex() {
        List<Integer> input = IntStream.range(0, 5_000).boxed().toList();
        ItemFailedException e = assertThrows(ItemFailedException.class, () -> pool.map(x -> {
            if (x == 1234) {
                throw new ArithmeticException("bad item " + x);
            }
            return x;
        }, input, 10));
        assertEquals(1234, e.index());
        assertInstanceOf(ArithmeticException.class, e.getCause());
        assertTrue(e.getMessage().contains("1234"), e.getMessage());
    }

    @Test
    void mapRejectsBadArguments() {
        assertThrows(NullPointerException.class, () -> pool.map(null, List.of(1)));
        assertThrows(NullPointerException.class, () -> pool.map(x -> x, null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool.map(x -> x, List.of(1), -1));
        assertTrue(e.getMessage().contains("chunkSize"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> pool.imap(x -> x, List.of(1), 0));
    }

    @Test
    void imapIsOrderedAndLazy() {
        AtomicInteger pulled = new AtomicInteger();
        Iterable<Integer> source = () -> new Iterator<>() {
            int next;

            @Override
            public boolean hasNext() {
                return next < 1_000;
            }

            @Override
            public Integer next() {
                pulled.incrementAndGet();
                return next++;
            }
        };
        try (TaskPool.MapIterator<Integer> it = pool.imap(x -> x + 1, source, 4)) {
            int window = lazyWindowChunks(pool);
            for (int i = 0; i < 100; i++) {
                assertEquals(i + 1, it.next());
            }
            assertTrue(pulled.get() < 1_000, "imap pulled all the input before it was consumed");
            if (pool.parallelism() < 1000) {
                assertTrue(pulled.get() <= 100 + (long) window * 4 + 4,
                        "imap pulled " + pulled.get() + " items for 100 consumed (window " + window + " chunks of 4)");
            }
            int expected = 101;
            while (it.hasNext()) {
                assertEquals(expected++, it.next());
            }
            assertEquals(1_001, expected);
        }
    }

    @Test
    void imapUnorderedYieldsEveryResultOnce() {
        List<Integer> input = IntStream.range(0, 3_000).boxed().toList();
        List<Integer> out = new ArrayList<>();
        try (TaskPool.MapIterator<Integer> it = pool.imapUnordered(x -> x * 3, input, 5)) {
            it.forEachRemaining(out::add);
        }
        Collections.sort(out);
        assertEquals(input.stream().map(x -> x * 3).toList(), out);
    }

    @Test
    void imapFailureNamesTheItemAndClosesTheIterator() {
        List<Integer> input = IntStream.range(0, 200).boxed().toList();
        TaskPool.MapIterator<Integer> it = pool.imap(x -> {
            if (x == 77) {
                throw new IllegalStateException("item 77");
            }
            return x;
        }, input, 3);
        for (int i = 0; i < 77; i++) {
            assertEquals(i, it.next());
        }
        ItemFailedException e = assertThrows(ItemFailedException.class, it::next);
        assertEquals(77, e.index());
        assertFalse(it.hasNext(), "iterator is closed after a failure");
    }

    // ---- cancellation, interrupts, timeouts ----------------------------------------------------------

    @Test
    void cancelInterruptsARunningTask() throws Exception {
        assumeTrue(!runsInCaller() && !crossesProcesses());
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
        Task<Object> t = pool.submit(() -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.complete(true);
            }
            return null;
        });
        assertTrue(started.await(30, TimeUnit.SECONDS));
        assertTrue(t.cancel(true));
        assertEquals(Future.State.CANCELLED, t.state());
        assertTrue(interrupted.get(30, TimeUnit.SECONDS));
        assertThrows(CancellationException.class, t::join);
        assertInstanceOf(Outcome.Cancelled.class, t.outcome());
    }

    @Test
    void getWithTimeoutThrowsTimeoutAndTheTaskKeepsRunning() throws Exception {
        assumeTrue(!runsInCaller() && !crossesProcesses());
        CountDownLatch release = new CountDownLatch(1);
        Task<String> t = pool.submit(() -> {
            release.await();
            return "late";
        });
        TimeoutException e = assertThrows(TimeoutException.class, () -> t.get(Duration.ofMillis(20)));
        assertTrue(e.getMessage().contains(t.name()), e.getMessage());
        assertFalse(t.isDone());
        release.countDown();
        assertEquals("late", t.join());
    }

    @Test
    void joinRespondsToInterruptOfTheWaiter() throws Exception {
        assumeTrue(!runsInCaller() && !crossesProcesses());
        CountDownLatch release = new CountDownLatch(1);
        Task<String> t = pool.submit(() -> {
            release.await();
            return "x";
        });
        CompletableFuture<Throwable> seen = new CompletableFuture<>();
        Thread waiter = Thread.ofPlatform().start(() -> {
            try {
                t.join();
                seen.complete(null);
            } catch (Throwable e) {
                seen.complete(Thread.currentThread().isInterrupted() ? e : new AssertionError("flag not restored", e));
            }
        });
        await("waiter blocked in join", () -> waiter.getState() == Thread.State.WAITING);
        waiter.interrupt();
        assertInstanceOf(CancellationException.class, seen.get(30, TimeUnit.SECONDS));
        waiter.join();
        release.countDown();
        assertEquals("x", t.join());
    }

    // ---- nesting -----------------------------------------------------------------------------------

    @Test
    void nestedSubmissionAndJoinDoesNotDeadlock() {
        assumeFalse(crossesProcesses());
        int outer = Math.min(pool.parallelism(), 64) * 3;
        TaskPool p = pool;
        List<Task<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < outer; i++) {
            int n = i;
            tasks.add(p.submit(() -> {
                Task<Integer> inner = p.submit(() -> n + 1);
                Task<Integer> inner2 = p.submit(() -> p.submit(() -> n * 2).join());
                return inner.join() + inner2.join();
            }));
        }
        for (int i = 0; i < outer; i++) {
            assertEquals(i + 1 + i * 2, tasks.get(i).join());
        }
    }

    @Test
    void mapFromInsideATaskOfTheSamePool() {
        assumeFalse(crossesProcesses());
        TaskPool p = pool;
        List<Task<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tasks.add(p.submit(() -> p.map(x -> x + 1, List.of(1, 2, 3, 4, 5, 6, 7, 8), 1).stream().mapToInt(Integer::intValue).sum()));
        }
        for (Task<Integer> t : tasks) {
            assertEquals(44, t.join());
        }
    }

    // ---- life cycle -----------------------------------------------------------------------------------

    @Test
    void submitAfterShutdownIsRejectedWithPoolState() {
        pool.shutdown();
        assertTrue(pool.isShutdown());
        PoolClosedException e = assertThrows(PoolClosedException.class, () -> pool.submit(() -> 1));
        assertTrue(e.getMessage().contains(pool.name()), e.getMessage());
        assertThrows(PoolClosedException.class, () -> pool.map(x -> x, List.of(1, 2, 3)));
        assertThrows(PoolClosedException.class, () -> pool.execute((SerializableRunnable) () -> { }));
    }

    @Test
    void closeWaitsForRunningTasks() throws Exception {
        assumeTrue(!runsInCaller() && !crossesProcesses());
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Task<String> t = pool.submit(() -> {
            started.countDown();
            release.await();
            return "finished";
        });
        assertTrue(started.await(30, TimeUnit.SECONDS));
        Thread closer = Thread.ofPlatform().start(pool::close);
        await("closer waiting for the running task", () -> closer.getState() == Thread.State.WAITING
                || closer.getState() == Thread.State.TIMED_WAITING);
        assertFalse(pool.isTerminated());
        assertTrue(pool.isShutdown());
        release.countDown();
        closer.join();
        assertTrue(pool.isTerminated());
        assertEquals("finished", t.join());
    }

    @Test
    void shutdownNowInterruptsRunningAndCancelsEverythingElse() throws Exception {
        assumeTrue(!runsInCaller() && !crossesProcesses());
        int running = (int) Math.min(pool.parallelism(), 4);
        CountDownLatch started = new CountDownLatch(running);
        AtomicInteger interrupted = new AtomicInteger();
        List<Task<Object>> tasks = new ArrayList<>();
        for (int i = 0; i < running + 20; i++) {
            tasks.add(pool.submit(() -> {
                started.countDown();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    interrupted.incrementAndGet();
                }
                return null;
            }));
        }
        assertTrue(started.await(30, TimeUnit.SECONDS));
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS), "terminated after shutdownNow: " + pool);
        for (Task<Object> t : tasks) {
            assertTrue(t.isDone(), t + " done");
        }
        assertTrue(interrupted.get() >= running, "running tasks were interrupted: " + interrupted.get());
    }

    @Test
    void closeIsIdempotentAndTerminatesAnEmptyPool() {
        pool.close();
        pool.close();
        assertTrue(pool.isTerminated());
    }

    @Test
    void unobservedFailureIsReportedAtClose() {
        TaskPool p = track(newPool((t, e) -> uncaught.add(e)));
        p.submit(() -> {
            throw new IllegalStateException("nobody reads me");
        });
        Task<Object> observed = p.submit(() -> {
            throw new IllegalStateException("someone reads me");
        });
        assertThrows(CompletionException.class, observed::join);
        p.close();
        List<Throwable> seen = List.copyOf(uncaught);
        assertEquals(1, seen.size(), "exactly the unobserved failure is reported: " + seen);
        assertTrue(seen.getFirst().getMessage().contains("nobody reads me"), seen.getFirst().getMessage());
        uncaught.clear();
    }

    @Test
    void executeFailureGoesToTheUncaughtHandler() {
        assumeFalse(crossesProcesses());
        pool.execute(() -> {
            throw new IllegalStateException("fire and forget");
        });
        await("handler saw the execute failure", () -> uncaught.stream().anyMatch(e -> "fire and forget".equals(e.getMessage())));
        uncaught.clear();
    }

    // ---- concurrency level -------------------------------------------------------------------------

    @Test
    void runsAsManyTasksAtOnceAsItsParallelism() throws Exception {
        assumeTrue(!runsInCaller() && !crossesProcesses());
        int n = Math.min(pool.parallelism(), 50);
        CyclicBarrier barrier = new CyclicBarrier(n);
        List<Task<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tasks.add(pool.submit(() -> barrier.await(30, TimeUnit.SECONDS)));
        }
        for (Task<Integer> t : tasks) {
            assertNotNull(t.join()); // a BrokenBarrierException would mean fewer ran at once
        }
    }

    // ---- ExecutorService bulk methods ------------------------------------------------------------------

    @Test
    void invokeAllAndInvokeAny() throws Exception {
        List<java.util.concurrent.Callable<Integer>> calls = List.of(
                (SerializableCallable<Integer>) () -> 1, (SerializableCallable<Integer>) () -> 2,
                (SerializableCallable<Integer>) () -> 3);
        List<Future<Integer>> all = pool.invokeAll(calls);
        assertEquals(List.of(1, 2, 3), all.stream().map(Future::resultNow).toList());
        int any = pool.invokeAny(calls);
        assertTrue(any >= 1 && any <= 3);
        List<java.util.concurrent.Callable<Integer>> failing = List.of((SerializableCallable<Integer>) () -> {
            throw new IllegalStateException("all fail");
        });
        assertThrows(ExecutionException.class, () -> pool.invokeAny(failing));
    }
}
