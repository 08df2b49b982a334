package io.tandem;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TasksTest {
    private final TaskPool pool = Pools.virtual();
    private final CountDownLatch never = new CountDownLatch(1);

    @AfterEach
    void close() {
        pool.shutdownNow();
        pool.close();
    }

    private Task<Integer> blocked() {
        return pool.submit(() -> {
            never.await();
            return -1;
        });
    }

    private Task<Integer> gated(CountDownLatch gate, int value) {
        return pool.submit(() -> {
            gate.await();
            return value;
        });
    }

    @Test
    void gatherReturnsValuesInInputOrder() {
        CountDownLatch second = new CountDownLatch(1);
        Task<Integer> a = gated(second, 1);
        Task<Integer> b = pool.submit(() -> {
            second.countDown();
            return 2;
        });
        assertEquals(List.of(1, 2), Tasks.gather(List.of(a, b)));
    }

    @Test
    void gatherFailsFastAndCancelsTheRest() {
        Task<Integer> slow = blocked();
        Task<Integer> bad = pool.submit(() -> {
            throw new IllegalStateException("bad");
        });
        CompletionException e = assertThrows(CompletionException.class, () -> Tasks.gather(List.of(slow, bad)));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertTrue(e.getMessage().contains(bad.name()), e.getMessage());
        assertTrue(slow.isCancelled());
    }

    @Test
    void gatherOfACancelledTaskThrowsCancellation() {
        Task<Integer> t = blocked();
        t.cancel(true);
        assertThrows(CancellationException.class, () -> Tasks.gather(List.of(t)));
    }

    @Test
    void settleKeepsEveryOutcome() {
        Task<Integer> ok = pool.submit(() -> 1);
        Task<Integer> bad = pool.submit(() -> {
            throw new IllegalArgumentException("x");
        });
        Task<Integer> cancelled = blocked();
        cancelled.cancel(true);
        List<Outcome<Integer>> all = Tasks.settle(List.of(ok, bad, cancelled));
        assertEquals(Outcome.success(1), all.get(0));
        assertInstanceOf(IllegalArgumentException.class, ((Outcome.Failure<Integer>) all.get(1)).error());
        assertInstanceOf(Outcome.Cancelled.class, all.get(2));
        assertThrows(CompletionException.class, all.get(1)::getOrThrow);
    }

    @Test
    void asCompletedYieldsInCompletionOrder() {
        CountDownLatch first = new CountDownLatch(1);
        Task<Integer> late = gated(first, 1);
        Task<Integer> early = pool.submit(() -> 2);
        List<Integer> order = new ArrayList<>();
        for (Task<Integer> t : Tasks.asCompleted(List.of(late, early))) {
            order.add(t.join());
            first.countDown();
        }
        assertEquals(List.of(2, 1), order);
    }

    @Test
    void asCompletedTimesOut() {
        Task<Integer> t = blocked();
        var it = Tasks.asCompleted(List.of(t), Duration.ofMillis(20)).iterator();
        CompletionException e = assertThrows(CompletionException.class, it::next);
        assertInstanceOf(TimeoutException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("1 of 1"), e.getCause().getMessage());
    }

    @Test
    void waitForModes() throws InterruptedException {
        Task<Integer> slow = blocked();
        Task<Integer> fast = pool.submit(() -> 1);
        Tasks.Done<Integer> first = Tasks.waitFor(List.of(slow, fast), Tasks.WaitMode.FIRST_COMPLETED);
        assertEquals(List.of(fast), first.done());
        assertEquals(List.of(slow), first.pending());

        Task<Integer> bad = pool.submit(() -> {
            throw new IllegalStateException();
        });
        Tasks.Done<Integer> firstEx = Tasks.waitFor(List.of(slow, bad), Tasks.WaitMode.FIRST_EXCEPTION);
        assertEquals(List.of(bad), firstEx.done());

        Tasks.Done<Integer> timed = Tasks.waitFor(List.of(slow, fast), Tasks.WaitMode.ALL_COMPLETED, Duration.ofMillis(20));
        assertEquals(List.of(fast), timed.done());
        assertEquals(List.of(slow), timed.pending());
        assertEquals(1, Tasks.doneNow(List.of(slow, fast)).size());
    }

    @Test
    void badArguments() {
        assertThrows(NullPointerException.class, () -> Tasks.gather(null));
        List<Task<Integer>> withNull = new ArrayList<>();
        withNull.add(null);
        NullPointerException e = assertThrows(NullPointerException.class, () -> Tasks.gather(withNull));
        assertTrue(e.getMessage().contains("position 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tasks.asCompleted(List.of(), Duration.ofSeconds(-1)));
        assertThrows(NullPointerException.class, () -> Tasks.waitFor(List.of(), null));
        assertEquals(List.of(), Tasks.gather(List.of()));
    }
}
