package io.tandem;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pool-kind specifics that the conformance suite does not cover. */
class PoolsTest {

    @Test
    void mapOnAnUnlimitedVirtualPoolUsesSeveralChunks() {
        java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try (TaskPool pool = Pools.virtual()) {
            pool.map(x -> threads.add(Thread.currentThread().toString()), java.util.stream.IntStream.range(0, 10_000).boxed().toList());
        }
        assertTrue(threads.size() > 1, "chunks ran on " + threads.size() + " thread(s)");
    }

    @Test
    void builderValidatesArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pools.threads(0));
        assertTrue(e.getMessage().contains("at least 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Pools.virtual(0));
        assertThrows(IllegalArgumentException.class, () -> Pools.builder().name(" "));
        assertThrows(NullPointerException.class, () -> Pools.builder().uncaughtFailureHandler(null));
    }

    @Test
    void namesShowInThreadNames() {
        try (TaskPool pool = Pools.builder().name("crunch").threads(2)) {
            String thread = pool.submit("job-7", () -> Thread.currentThread().getName()).join();
            assertTrue(thread.startsWith("crunch-worker-"), thread);
            assertTrue(thread.contains("job-7"), thread);
        }
    }

    @Test
    void virtualLimitIsNeverExceeded() {
        AtomicInteger now = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        try (TaskPool pool = Pools.virtual(4)) {
            List<Task<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                tasks.add(pool.submit(() -> {
                    int n = now.incrementAndGet();
                    max.accumulateAndGet(n, Math::max);
                    Thread.yield();
                    now.decrementAndGet();
                    return n;
                }));
            }
            Tasks.gather(tasks);
        }
        assertTrue(max.get() <= 4, "at most 4 at once, saw " + max.get());
    }

    @Test
    void virtualPoolRunsOnVirtualThreadsAndThreadsPoolOnPlatformThreads() {
        try (TaskPool v = Pools.virtual(); TaskPool t = Pools.threads(1)) {
            assertTrue(v.submit(() -> Thread.currentThread().isVirtual()).join());
            assertTrue(!t.submit(() -> Thread.currentThread().isVirtual()).join());
        }
    }

    @Test
    void directPoolRunsInTheCallerBeforeSubmitReturns() {
        Thread caller = Thread.currentThread();
        try (TaskPool pool = Pools.direct()) {
            Task<Thread> t = pool.submit(Thread::currentThread);
            assertTrue(t.isDone());
            assertEquals(caller, t.join());
            assertEquals(1, pool.parallelism());
        }
    }

    @Test
    void progressCountsSubmittedAndCompletedTasks() {
        CountingProgress progress = new CountingProgress();
        try (TaskPool pool = Pools.builder().progress(progress).threads(2)) {
            pool.map(x -> x, List.of(1, 2, 3, 4, 5, 6, 7, 8), 1);
        }
        assertEquals(8, progress.total.get());
        assertEquals(8, progress.done.get());
    }

    @Test
    void mapOnAllPoolKindsGivesTheSameAnswer() {
        List<Integer> input = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            input.add(i);
        }
        long expected = input.stream().mapToLong(x -> (long) x * x).sum();
        for (TaskPool pool : List.of(Pools.direct(), Pools.threads(), Pools.virtual(), Pools.virtual(2))) {
            try (pool) {
                long sum = pool.map(x -> (long) x * x, input).stream().mapToLong(Long::longValue).sum();
                assertEquals(expected, sum, pool.name());
            }
        }
    }

    @Test
    void closeWhileInterruptedCancelsAndRestoresTheFlag() {
        TaskPool pool = Pools.virtual();
        CountDownLatch started = new CountDownLatch(1);
        Task<Object> t = pool.submit(() -> {
            started.countDown();
            new CountDownLatch(1).await();
            return null;
        });
        try {
            started.await();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        Thread.currentThread().interrupt();
        pool.close();
        assertTrue(Thread.interrupted(), "interrupt flag restored");
        assertTrue(t.isCancelled());
        assertTrue(pool.isTerminated());
    }

    static final class CountingProgress implements Progress {
        final AtomicInteger total = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();

        @Override
        public void addTotal(long n) {
            total.addAndGet((int) n);
        }

        @Override
        public void step(long n) {
            done.addAndGet((int) n);
        }

        @Override
        public long done() {
            return done.get();
        }

        @Override
        public long total() {
            return total.get();
        }

        @Override
        public void close() {
        }
    }
}
