package io.tandem.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;

/**
 * Starts test threads whose failures reach the test and which are always joined: {@link #run} starts
 * {@code n} platform threads released together by a start gate, joins all of them, and rethrows the
 * first failure (others suppressed). A thread still running after the timeout fails the call with a
 * thread dump.
 */
public final class TestThreads {
    private TestThreads() {
    }

    /** A body that may throw; {@code index} is 0..n-1. */
    @FunctionalInterface
    public interface Body {
        void run(int index) throws Exception;
    }

    public static void run(int n, Body body) {
        run(n, Await.DEFAULT_TIMEOUT, body);
    }

    public static void run(int n, Duration timeout, Body body) {
        CountDownLatch gate = new CountDownLatch(1);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int index = i;
            Thread t = Thread.ofPlatform().name("test-thread-" + i).unstarted(() -> {
                try {
                    gate.await();
                    body.run(index);
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(t);
            t.start();
        }
        gate.countDown();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread t : threads) {
            try {
                long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                t.join(left);
            } catch (InterruptedException e) {
                threads.forEach(Thread::interrupt);
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while joining test threads", e);
            }
        }
        List<Thread> alive = threads.stream().filter(Thread::isAlive).toList();
        if (!alive.isEmpty()) {
            alive.forEach(Thread::interrupt);
            throw new AssertionError(alive.size() + " test thread(s) still running after " + timeout + "\n"
                    + ThreadDump.allThreads());
        }
        if (!failures.isEmpty()) {
            Throwable first = failures.poll();
            AssertionError err = first instanceof AssertionError a ? a : new AssertionError(first);
            failures.forEach(err::addSuppressed);
            throw err;
        }
    }
}
