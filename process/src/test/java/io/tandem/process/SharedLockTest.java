package io.tandem.process;

import io.tandem.test.Await;
import io.tandem.test.TestThreads;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One process, several threads; the cross-process cases are in {@link SharedMemoryCrossProcessTest}. */
class SharedLockTest {

    @Test
    void lockAndUnlock_recordTheHolder() {
        try (SharedLock lock = SharedLock.create()) {
            assertFalse(lock.isLocked());
            assertEquals(OptionalLong.empty(), lock.holderPid());
            lock.lock();
            assertTrue(lock.isLocked());
            assertTrue(lock.isHeldByCurrentThread());
            assertEquals(OptionalLong.of(ProcessHandle.current().pid()), lock.holderPid());
            lock.unlock();
            assertFalse(lock.isLocked());
            assertTrue(lock.tryLock());
            lock.unlock();
        }
    }

    @Test
    void notReentrant_theHolderFailsFastInsteadOfDeadlocking() throws Exception {
        try (SharedLock lock = SharedLock.create()) {
            lock.lock();
            IllegalStateException e = assertThrows(IllegalStateException.class, lock::lock);
            assertTrue(e.getMessage().contains("not reentrant"), e.getMessage());
            assertThrows(IllegalStateException.class, lock::tryLock);
            assertThrows(IllegalStateException.class, () -> lock.tryLock(Duration.ofSeconds(1)));
            lock.unlock();
        }
    }

    @Test
    void unlockByANonHolder_throwsIllegalMonitorState() {
        try (SharedLock lock = SharedLock.create()) {
            IllegalMonitorStateException e = assertThrows(IllegalMonitorStateException.class, lock::unlock);
            assertTrue(e.getMessage().contains("not locked"), e.getMessage());
            lock.lock();
            TestThreads.run(1, i -> assertThrows(IllegalMonitorStateException.class, lock::unlock));
            assertTrue(lock.isHeldByCurrentThread());
            lock.unlock();
        }
    }

    @Test
    void otherThreads_failToTakeAHeldLock_andTimedTryLockTimesOut() {
        try (SharedLock lock = SharedLock.create()) {
            lock.lock();
            TestThreads.run(1, i -> {
                assertFalse(lock.tryLock());
                long start = System.nanoTime();
                assertFalse(lock.tryLock(Duration.ofMillis(30)));
                assertTrue(System.nanoTime() - start >= Duration.ofMillis(30).toNanos());
                assertFalse(lock.isHeldByCurrentThread());
            });
            lock.unlock();
        }
    }

    @Test
    void held_unlocksOnceWhenClosed() {
        try (SharedLock lock = SharedLock.create()) {
            SharedLock.Held held = lock.acquire();
            assertTrue(lock.isHeldByCurrentThread());
            held.close();
            held.close();
            assertFalse(lock.isLocked());
        }
    }

    @Test
    void mutualExclusion_amongThreads() {
        int threads = 4;
        int rounds = 2_000;
        try (SharedLock lock = SharedLock.create()) {
            AtomicInteger inside = new AtomicInteger();
            long[] plain = new long[1];
            TestThreads.run(threads, i -> {
                for (int r = 0; r < rounds; r++) {
                    try (SharedLock.Held held = lock.acquire()) {
                        assertEquals(1, inside.incrementAndGet(), "two threads inside the lock");
                        plain[0]++;
                        inside.decrementAndGet();
                    }
                }
            });
            assertEquals((long) threads * rounds, plain[0]);
        }
    }

    @Test
    void waiterGetsTheLockWhenItIsReleased() throws Exception {
        try (SharedLock lock = SharedLock.create()) {
            lock.lock();
            CompletableFuture<Boolean> got = new CompletableFuture<>();
            Thread waiter = Thread.ofPlatform().start(() -> {
                try {
                    got.complete(lock.tryLock(Duration.ofSeconds(30)));
                    lock.unlock();
                } catch (Throwable e) {
                    got.completeExceptionally(e);
                }
            });
            Await.await("waiter parks on the lock", () -> LockSupport.getBlocker(waiter) == lock);
            lock.unlock();
            assertTrue(got.get());
            waiter.join();
        }
    }

    @Test
    void lock_ignoresInterruptsWhileWaiting_andKeepsTheStatus() throws Exception {
        try (SharedLock lock = SharedLock.create()) {
            lock.lock();
            AtomicBoolean stillInterrupted = new AtomicBoolean();
            Thread waiter = Thread.ofPlatform().unstarted(() -> {
                Thread.currentThread().interrupt();
                lock.lock();
                stillInterrupted.set(Thread.currentThread().isInterrupted());
                lock.unlock();
            });
            waiter.start();
            Await.await("waiter parks on the lock", () -> LockSupport.getBlocker(waiter) == lock);
            waiter.interrupt();
            lock.unlock();
            waiter.join();
            assertTrue(stillInterrupted.get());
        }
    }

    @Test
    void lockInterruptibly_throwsWhenInterruptedWhileWaiting() throws Exception {
        try (SharedLock lock = SharedLock.create()) {
            lock.lock();
            CompletableFuture<Throwable> thrown = new CompletableFuture<>();
            Thread waiter = Thread.ofPlatform().start(() -> {
                try {
                    lock.lockInterruptibly();
                    thrown.complete(null);
                } catch (Throwable e) {
                    thrown.complete(e);
                }
            });
            Await.await("waiter parks on the lock", () -> LockSupport.getBlocker(waiter) == lock);
            waiter.interrupt();
            assertTrue(thrown.get() instanceof InterruptedException, String.valueOf(thrown.get()));
            waiter.join();
            assertTrue(lock.isHeldByCurrentThread());
            lock.unlock();

            Thread.currentThread().interrupt();
            assertThrows(InterruptedException.class, lock::lockInterruptibly, "already interrupted");
            assertFalse(Thread.interrupted());
        }
    }

    @Test
    void conditionsAreNotSupported_andClosedLocksFail() {
        SharedLock lock = SharedLock.create();
        assertThrows(UnsupportedOperationException.class, lock::newCondition);
        lock.close();
        lock.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, lock::lock);
        assertTrue(e.getMessage().contains("is closed"), e.getMessage());
        assertThrows(IllegalStateException.class, lock::tryLock);
        assertThrows(IllegalStateException.class, lock::unlock);
        try (SharedLock other = SharedLock.create()) {
            assertThrows(NullPointerException.class, () -> other.tryLock((Duration) null));
        }
    }
}
