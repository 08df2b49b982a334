package io.tandem.limit;

import io.tandem.limit.KeyedLimiter;
import io.tandem.limit.LimiterTimeoutException;
import io.tandem.test.Await;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyedLimiterTest {

    @Test
    void limitsEachKeySeparately() throws Exception {
        KeyedLimiter<String> limiter = KeyedLimiter.of(2);
        try (var a1 = limiter.acquire("a"); var a2 = limiter.acquire("a"); var b1 = limiter.tryAcquire("b")) {
            assertNull(limiter.tryAcquire("a"), "third permit of a");
            assertNotNull(b1, "b is not limited by a");
            assertEquals(0, limiter.available("a"));
            assertEquals(1, limiter.available("b"));
            assertEquals(2, limiter.available("c"));
            assertEquals(2, limiter.activeKeys());
        }
        assertEquals(0, limiter.activeKeys(), "state of unused keys is removed");
        assertEquals(2, limiter.available("a"));
    }

    @Test
    void failedTryAcquireLeavesNoState() {
        KeyedLimiter<Integer> limiter = KeyedLimiter.of(1);
        try (var held = limiter.tryAcquire(7)) {
            assertNull(limiter.tryAcquire(7));
            assertEquals(1, limiter.activeKeys());
        }
        assertEquals(0, limiter.activeKeys());
    }

    @Test
    void doubleCloseReleasesOnce() throws Exception {
        KeyedLimiter<String> limiter = KeyedLimiter.of(1);
        var p = limiter.acquire("k");
        var q = limiter.tryAcquire("k");
        assertNull(q);
        p.close();
        p.close();
        try (var again = limiter.acquire("k")) {
            assertNull(limiter.tryAcquire("k"), "a double close must not hand out a second permit");
        }
        assertEquals(0, limiter.activeKeys());
    }

    @Test
    void timedAcquireThrowsWithKeyAndStateAndLeavesNoState() throws Exception {
        KeyedLimiter<String> limiter = KeyedLimiter.of(1);
        try (var held = limiter.acquire("db")) {
            var e = assertThrows(LimiterTimeoutException.class, () -> limiter.acquire("db", Duration.ofMillis(5)));
            assertEquals("no permit for key db within 5ms: 0 of 1 free, 0 waiting", e.getMessage());
            assertNull(limiter.tryAcquire("db", Duration.ofMillis(1)));
        }
        assertEquals(0, limiter.activeKeys());
        try (var p = limiter.tryAcquire("db", Duration.ofSeconds(1))) {
            assertNotNull(p);
        }
    }

    @Test
    void waiterKeepsTheKeyAliveAndInterruptRemovesIt() throws Exception {
        KeyedLimiter<String> limiter = KeyedLimiter.fair(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread waiter;
        try (var held = limiter.acquire("k")) {
            waiter = Thread.ofPlatform().start(() -> {
                try {
                    limiter.acquire("k").close();
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            Await.await("waiter parked", () -> waiter.getState() == Thread.State.WAITING);
        }
        // the holder left but the waiter got the permit (or is getting it): then everything is cleaned up
        waiter.join();
        assertNull(thrown.get());
        assertEquals(0, limiter.activeKeys());

        var held = limiter.acquire("k");
        Thread interrupted = Thread.ofPlatform().start(() -> {
            try {
                limiter.acquire("k");
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        Await.await("second waiter parked", () -> interrupted.getState() == Thread.State.WAITING);
        interrupted.interrupt();
        interrupted.join();
        assertTrue(thrown.get() instanceof InterruptedException, String.valueOf(thrown.get()));
        assertEquals(1, limiter.activeKeys());
        held.close();
        assertEquals(0, limiter.activeKeys());
    }

    @Test
    void rejectsBadArguments() {
        var e = assertThrows(IllegalArgumentException.class, () -> KeyedLimiter.of(0));
        assertTrue(e.getMessage().contains("permitsPerKey"), e.getMessage());
        KeyedLimiter<String> limiter = KeyedLimiter.of(1);
        assertThrows(NullPointerException.class, () -> limiter.tryAcquire(null));
        assertThrows(IllegalArgumentException.class, () -> limiter.tryAcquire("k", Duration.ofMillis(-1)));
        assertEquals(0, limiter.activeKeys());
    }
}
