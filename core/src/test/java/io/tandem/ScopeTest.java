package io.tandem;

import io.tandem.function.SerializableCallable;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.tandem.test.Await.await;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScopeTest {

    @Test
    void joinWaitsForAllAndResultsAreReadable() throws Exception {
        try (Scope scope = Scope.open()) {
            Task<String> a = scope.fork(() -> "a");
            Task<Integer> b = scope.fork(() -> 2);
            scope.join();
            assertEquals("a", a.resultNow());
            assertEquals(2, b.resultNow());
        }
    }

    @Test
    void firstFailureCancelsSiblingsAndIsTheCause() throws Exception {
        CompletableFuture<Boolean> siblingInterrupted = new CompletableFuture<>();
        CountDownLatch siblingStarted = new CountDownLatch(1);
        Task<Object> sibling;
        ScopeFailedException e;
        try (Scope scope = Scope.open()) {
            sibling = scope.fork(() -> {
                siblingStarted.countDown();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException ie) {
                    siblingInterrupted.complete(true);
                    throw ie;
                }
                return null;
            });
            siblingStarted.await();
            scope.fork(() -> {
                throw new IllegalStateException("first");
            });
            e = assertThrows(ScopeFailedException.class, scope::join);
        }
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals("first", e.getCause().getMessage());
        assertEquals(1, e.failures().size(), "a sibling cancelled by the scope is not a failure: " + e.failures());
        assertTrue(siblingInterrupted.get(30, TimeUnit.SECONDS));
        assertTrue(sibling.isCancelled());
    }

    @Test
    void everyFailureIsReportedFirstAsCauseRestSuppressed() throws Exception {
        CountDownLatch bothRunning = new CountDownLatch(2);
        ScopeFailedException e;
        try (Scope scope = Scope.open()) {
            for (String msg : List.of("one", "two")) {
                scope.fork(() -> {
                    bothRunning.countDown();
                    // ignore interrupts: both failures must happen even though the first cancels the second
                    while (true) {
                        try {
                            bothRunning.await();
                            break;
                        } catch (InterruptedException ignored) {
                            // keep waiting
                        }
                    }
                    throw new IllegalArgumentException(msg);
                });
            }
            e = assertThrows(ScopeFailedException.class, scope::join);
        }
        // The second may be cancelled before it throws (its result is then CANCELLED, not FAILED), or fail.
        assertTrue(e.failures().size() >= 1);
        assertSame(e.getCause(), e.failures().getFirst());
        assertEquals(e.failures().size() - 1, e.getSuppressed().length);
    }

    @Test
    void deadlineCancelsRunningTasksAndReportsATimeout() {
        AtomicBoolean interrupted = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        ScopeFailedException e;
        try (Scope scope = Scope.open().withTimeout(Duration.ofMillis(50))) {
            scope.fork("slow", () -> {
                started.countDown();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException ie) {
                    interrupted.set(true);
                }
                return null;
            });
            // on a loaded machine the task may not have started within 50 ms; then it would be cancelled
            // before running, which is correct but is not what this test checks
            started.await();
            e = assertThrows(ScopeFailedException.class, scope::join);
        } catch (InterruptedException ie) {
            throw new AssertionError(ie);
        }
        assertInstanceOf(TimeoutException.class, e.getCause());
        assertTrue(e.getMessage().contains("deadline"), e.getMessage());
        assertTrue(e.getMessage().contains("slow"), "names the cancelled task: " + e.getMessage());
        assertTrue(interrupted.get(), "the body was interrupted and exited before close returned");
    }

    /**
     * A task that ignores interruption cannot hold join past the deadline: the task below cannot exit until
     * the test releases it after join has thrown, so join returning at all proves it did not wait for it.
     * close() then waits for the task (no orphan).
     */
    @Test
    void joinReturnsAtTheDeadlineEvenIfATaskIgnoresInterruption() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean exited = new AtomicBoolean();
        Thread closer;
        try (Scope scope = Scope.open().withTimeout(Duration.ofMillis(100))) {
            scope.fork("stubborn", () -> {
                started.countDown();
                while (true) {
                    try {
                        release.await();
                        break;
                    } catch (InterruptedException ignored) {
                        // ignores cancellation on purpose: it leaves only when released
                    }
                }
                exited.set(true);
                return null;
            });
            started.await();
            ScopeFailedException e = assertThrows(ScopeFailedException.class, scope::join);
            assertInstanceOf(TimeoutException.class, e.getCause());
            assertFalse(exited.get(), "join did not wait for the stubborn task");
            ScopeFailedException again = assertThrows(ScopeFailedException.class, scope::join,
                    "a second join with the task still running throws again");
            assertTrue(again.getMessage().contains("not exited"), again.getMessage());
            // release from another thread; whenever that lands, close() must not return before the body exits
            closer = Thread.ofPlatform().start(release::countDown);
        }
        closer.join();
        assertTrue(exited.get(), "close() returned only after the body exited");
    }

    @Test
    void deadlineInThePastAndEarliestDeadlineWins() {
        try (Scope scope = Scope.open().withDeadline(Instant.now().minusSeconds(1)).withTimeout(Duration.ofHours(1))) {
            scope.fork(() -> {
                new CountDownLatch(1).await();
                return null;
            });
            ScopeFailedException e = assertThrows(ScopeFailedException.class, scope::join);
            assertInstanceOf(TimeoutException.class, e.getCause());
        }
    }

    @Test
    void closeWithoutJoinReportsAFailureNobodyRead() {
        CountDownLatch failed = new CountDownLatch(1);
        Scope scope = Scope.open();
        Task<Object> t = scope.fork(() -> {
            try {
                throw new IllegalStateException("unread");
            } finally {
                failed.countDown();
            }
        });
        await("task failed", t::isDone);
        ScopeFailedException e = assertThrows(ScopeFailedException.class, scope::close);
        assertEquals("unread", e.getCause().getMessage());
        scope.close(); // idempotent, and the failure is not reported twice
    }

    @Test
    void failureAlreadyThrownByJoinIsNotThrownAgainByClose() {
        Scope scope = Scope.open();
        scope.fork(() -> {
            throw new IllegalStateException("x");
        });
        assertThrows(ScopeFailedException.class, scope::join);
        assertDoesNotThrow(scope::close);
    }

    @Test
    void closeCancelsAndWaitsForBodiesToExit() {
        AtomicInteger exited = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(3);
        try (Scope scope = Scope.open()) {
            for (int i = 0; i < 3; i++) {
                scope.fork(() -> {
                    started.countDown();
                    try {
                        new CountDownLatch(1).await();
                    } finally {
                        exited.incrementAndGet();
                    }
                    return null;
                });
            }
            started.await();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertEquals(3, exited.get(), "no forked body outlives the scope");
    }

    @Test
    void onlyTheOwnerJoinsAndClosesButAnyThreadForks() throws Exception {
        try (Scope scope = Scope.open()) {
            CompletableFuture<Throwable> fromOther = new CompletableFuture<>();
            Thread other = Thread.ofPlatform().start(() -> {
                try {
                    scope.join();
                    fromOther.complete(null);
                } catch (Throwable e) {
                    fromOther.complete(e);
                }
            });
            other.join();
            assertInstanceOf(WrongThreadException.class, fromOther.get());
            Task<Task<Integer>> nested = scope.fork(() -> scope.fork(() -> 7));
            scope.join();
            assertEquals(7, nested.resultNow().join());
        }
    }

    @Test
    void forkAfterCloseIsRejected() {
        Scope scope = Scope.open();
        scope.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> scope.fork(() -> 1));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void scopeOnAGivenPoolLeavesThePoolOpen() throws Exception {
        try (TaskPool pool = Pools.threads(2)) {
            try (Scope scope = Scope.open(pool)) {
                Task<String> t = scope.fork("on-pool", () -> Thread.currentThread().getName());
                scope.join();
                assertTrue(t.resultNow().startsWith(pool.name()), t.resultNow());
            }
            assertFalse(pool.isShutdown());
            assertEquals(1, pool.submit(() -> 1).join());
        }
    }

    @Test
    void interruptedJoinCancelsTheTasks() throws Exception {
        AtomicBoolean cancelled = new AtomicBoolean();
        try (Scope scope = Scope.open()) {
            Task<Object> t = scope.fork(() -> {
                new CountDownLatch(1).await();
                return null;
            });
            Thread.currentThread().interrupt();
            assertThrows(InterruptedException.class, scope::join);
            cancelled.set(t.isCancelled());
        }
        assertTrue(cancelled.get());
    }

    @Test
    void tenThousandConcurrentSleepsOnVirtualThreads() throws Exception {
        int n = 10_000;
        AtomicInteger sleeping = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        AtomicInteger onVirtualThreads = new AtomicInteger();
        AtomicBoolean everyoneIsAsleep = new AtomicBoolean();
        List<Task<Integer>> tasks = new ArrayList<>(n);
        try (Scope scope = Scope.open()) {
            for (int i = 0; i < n; i++) {
                tasks.add(scope.fork(() -> {
                    if (Thread.currentThread().isVirtual()) {
                        onVirtualThreads.incrementAndGet();
                    }
                    mostAtOnce.accumulateAndGet(sleeping.incrementAndGet(), Math::max);
                    int naps = 0;
                    try {
                        // The workload is sleeping; each task naps until all 10,000 are asleep together.
                        do {
                            Thread.sleep(20);
                            naps++;
                        } while (!everyoneIsAsleep.get());
                    } finally {
                        sleeping.decrementAndGet();
                    }
                    return naps;
                }));
            }
            await("10,000 tasks sleeping at once", () -> sleeping.get() == n);
            everyoneIsAsleep.set(true);
            scope.join();
        }
        assertEquals(n, mostAtOnce.get(), "sleeps in flight at once");
        assertEquals(n, onVirtualThreads.get(), "tasks that ran on virtual threads");
        assertTrue(tasks.stream().allMatch(t -> t.resultNow() >= 1), "every task finished at least one whole sleep");
        assertEquals(0, sleeping.get());
    }

    @Test
    void badArguments() {
        try (Scope scope = Scope.open()) {
            assertThrows(NullPointerException.class, () -> scope.withTimeout(null));
            assertThrows(IllegalArgumentException.class, () -> scope.withTimeout(Duration.ofSeconds(-1)));
            assertThrows(NullPointerException.class, () -> scope.fork((SerializableCallable<Object>) null));
            assertThrows(NullPointerException.class, () -> Scope.open(null));
        }
    }

    @Test
    void cancelledTaskJoinThrowsCancellation() throws Exception {
        try (Scope scope = Scope.open()) {
            Task<Object> t = scope.fork(() -> {
                new CountDownLatch(1).await();
                return null;
            });
            t.cancel(true);
            scope.join();
            assertThrows(CancellationException.class, t::join);
        }
    }
}
