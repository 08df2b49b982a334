package io.tandem.limit;

import io.tandem.limit.Limiter;
import io.tandem.limit.LimiterTimeoutException;
import io.tandem.test.Await;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LimiterTest {

    @Test
    void permitIsReleasedOnceByTryWithResources() throws Exception {
        Limiter limiter = Limiter.of(2);
        try (Limiter.Permit p = limiter.acquire()) {
            assertEquals(1, p.count());
            assertEquals(1, limiter.available());
        }
        assertEquals(2, limiter.available());
    }

    @Test
    void secondCloseDoesNothing() throws Exception {
        Limiter limiter = Limiter.of(2);
        Limiter.Permit p = limiter.acquire();
        p.close();
        p.close();
        assertTrue(p.isClosed());
        assertEquals(2, limiter.available(), "a double close must not create a permit");
    }

    @Test
    void tryAcquireReturnsNullWhenNoneIsFreeAndNullWorksInTryWithResources() {
        Limiter limiter = Limiter.of(1);
        try (Limiter.Permit first = limiter.tryAcquire(); Limiter.Permit second = limiter.tryAcquire()) {
            assertNotNull(first);
            assertNull(second);
        }
        assertEquals(1, limiter.available());
    }

    @Test
    void acquireManyTakesAndReleasesThemTogether() throws Exception {
        Limiter limiter = Limiter.of(5);
        try (Limiter.Permit p = limiter.acquire(3)) {
            assertEquals(3, p.count());
            assertEquals(2, limiter.available());
            assertNull(limiter.tryAcquire(3));
        }
        assertEquals(5, limiter.available());
    }

    @Test
    void countsOutsideOneToPermitsAreRejectedAtOnce() {
        Limiter limiter = Limiter.of(2);
        var e = assertThrows(IllegalArgumentException.class, () -> limiter.acquire(3));
        assertTrue(e.getMessage().contains("could never be granted"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> limiter.tryAcquire(0));
        var bad = assertThrows(IllegalArgumentException.class, () -> Limiter.of(0));
        assertTrue(bad.getMessage().startsWith("permits must be at least 1"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> limiter.tryAcquire(Duration.ofSeconds(-1)));
        assertThrows(NullPointerException.class, () -> limiter.tryAcquire((Duration) null));
    }

    @Test
    void timedAcquireThrowsWithTheLimiterStateInTheMessage() throws Exception {
        Limiter limiter = Limiter.of(1);
        try (Limiter.Permit held = limiter.acquire()) {
            var e = assertThrows(LimiterTimeoutException.class, () -> limiter.acquire(Duration.ofMillis(20)));
            assertEquals("no permit within 20ms: 0 of 1 free, 0 waiting", e.getMessage());
            assertNull(limiter.tryAcquire(Duration.ZERO));
        }
        try (Limiter.Permit p = limiter.acquire(Duration.ofSeconds(1))) {
            assertNotNull(p);
        }
    }

    @Test
    void timeoutMessageCountsWaiters() throws Exception {
        Limiter limiter = Limiter.fair(1);
        Limiter.Permit held = limiter.acquire();
        CountDownLatch done = new CountDownLatch(1);
        Thread waiter = Thread.ofPlatform().start(() -> {
            try (Limiter.Permit p = limiter.acquire()) {
                done.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Await.await("one waiter", () -> limiter.waiting() == 1);
        var e = assertThrows(LimiterTimeoutException.class, () -> limiter.acquire(Duration.ofMillis(1)));
        assertTrue(e.getMessage().endsWith("0 of 1 free, 1 waiting"), e.getMessage());
        held.close();
        done.await();
        waiter.join();
        assertEquals(1, limiter.available());
    }

    @Test
    void blockedAcquireRespondsToInterruptAndTakesNothing() throws Exception {
        Limiter limiter = Limiter.of(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        try (Limiter.Permit held = limiter.acquire()) {
            Thread waiter = Thread.ofPlatform().start(() -> {
                try {
                    limiter.acquire();
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            Await.await("waiter blocked", () -> limiter.waiting() == 1);
            waiter.interrupt();
            waiter.join();
        }
        assertTrue(thrown.get() instanceof InterruptedException, String.valueOf(thrown.get()));
        assertEquals(1, limiter.available());
    }

    @Test
    void callAndRunHoldAPermitAndReleaseItOnFailure() throws Exception {
        Limiter limiter = Limiter.of(3);
        assertEquals(2, (int) limiter.call(limiter::available));
        limiter.run(() -> assertEquals(2, limiter.available()));
        IllegalStateException boom = new IllegalStateException("boom");
        assertSame(boom, assertThrows(IllegalStateException.class, () -> limiter.call(() -> {
            throw boom;
        })));
        assertEquals(3, limiter.available());
        assertEquals(3, limiter.permits());
    }

    @Test
    void permitMayBeClosedByAnotherThread() throws Exception {
        Limiter limiter = Limiter.of(1);
        Limiter.Permit p = limiter.acquire();
        Thread t = Thread.ofPlatform().start(p::close);
        t.join();
        assertEquals(1, limiter.available());
    }
}
