package io.tandem.limit;

import io.tandem.test.FakeClock;
import io.tandem.limit.RateLimiter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimiterTest {
    private final FakeClock clock = new FakeClock(-5_000_000_000L); // negative: arithmetic must not care
    private final List<Long> sleeps = new ArrayList<>();

    private RateLimiter limiter(int permits, Duration period, int burst) {
        return RateLimiter.builder(permits, period).burst(burst).nanoTime(clock)
                .sleeper(nanos -> {
                    sleeps.add(nanos);
                    clock.advanceNanos(nanos);
                })
                .build();
    }

    @Test
    void smoothLimiterSpacesAcquisitionsEvenly() {
        RateLimiter r = limiter(10, Duration.ofSeconds(1), 1);
        assertTrue(r.tryAcquire());
        assertFalse(r.tryAcquire(), "the next slot is 100 ms away");
        clock.advance(Duration.ofMillis(99));
        assertFalse(r.tryAcquire());
        clock.advance(Duration.ofMillis(1));
        assertTrue(r.tryAcquire());
        assertFalse(r.tryAcquire());
    }

    @Test
    void burstAllowsBackToBackAcquisitionsAfterAQuietSpell() {
        RateLimiter r = limiter(10, Duration.ofSeconds(1), 3);
        assertTrue(r.tryAcquire());
        assertTrue(r.tryAcquire());
        assertTrue(r.tryAcquire());
        assertFalse(r.tryAcquire(), "burst of 3 used up");
        clock.advance(Duration.ofMillis(100));
        assertTrue(r.tryAcquire(), "one slot refilled");
        assertFalse(r.tryAcquire());
        clock.advance(Duration.ofSeconds(10));
        for (int i = 0; i < 3; i++) {
            assertTrue(r.tryAcquire(), "a long pause refills the burst, no more: " + i);
        }
        assertFalse(r.tryAcquire());
    }

    @Test
    void neverMoreThanBurstPlusRateOverAnyWindow() {
        RateLimiter r = limiter(5, Duration.ofSeconds(1), 5);
        List<Integer> grantedAtMs = new ArrayList<>();
        for (int ms = 0; ms < 12_000; ms++) {
            boolean quiet = ms >= 5_000 && ms < 7_000; // a quiet spell refills the burst mid-run
            while (!quiet && r.tryAcquire()) {
                grantedAtMs.add(ms);
            }
            clock.advance(Duration.ofMillis(1));
        }
        // a greedy caller gets the burst at once, then one permit every 200 ms
        assertEquals(5, grantedAtMs.stream().filter(ms -> ms == 0).count(), "the initial burst");
        assertEquals(5, grantedAtMs.stream().filter(ms -> ms == 7_000).count(), "the burst refilled by the quiet spell");
        int most = 0;
        for (int i = 0; i < grantedAtMs.size(); i++) {
            int windowEnd = grantedAtMs.get(i) + 1_000;
            int inWindow = 0;
            for (int j = i; j < grantedAtMs.size() && grantedAtMs.get(j) < windowEnd; j++) {
                inWindow++;
            }
            most = Math.max(most, inWindow);
            assertTrue(inWindow <= 5 + 5, "burst + 1 s of rate, but " + inWindow + " in the 1 s from " + grantedAtMs.get(i) + " ms");
        }
        assertEquals(5 + 4, most, "the fullest 1 s window: a burst and the next 4 slots");
    }

    @Test
    void acquireWaitsItsTurnInReservationOrder() throws InterruptedException {
        RateLimiter r = limiter(4, Duration.ofSeconds(1), 1);
        r.acquire();
        r.acquire();
        r.acquire();
        assertEquals(List.of(250_000_000L, 250_000_000L), sleeps);
    }

    @Test
    void tryAcquireWithTimeoutWaitsOnlyIfTheSlotComesInTime() throws InterruptedException {
        RateLimiter r = limiter(1, Duration.ofSeconds(1), 1);
        assertTrue(r.tryAcquire(Duration.ZERO));
        assertFalse(r.tryAcquire(Duration.ofMillis(999)), "next slot is 1 s away");
        assertTrue(sleeps.isEmpty(), "a refused tryAcquire does not wait");
        assertTrue(r.tryAcquire(Duration.ofSeconds(1)));
        assertEquals(List.of(1_000_000_000L), sleeps);
    }

    @Test
    void interruptedAcquireGivesItsSlotBack() {
        RateLimiter r = RateLimiter.builder(1, Duration.ofSeconds(1)).nanoTime(clock)
                .sleeper(nanos -> {
                    throw new InterruptedException();
                })
                .build();
        assertTrue(r.tryAcquire());
        assertThrows(InterruptedException.class, r::acquire);
        clock.advance(Duration.ofSeconds(1));
        assertTrue(r.tryAcquire(), "the interrupted caller's slot is free again");
    }

    @Test
    void acquireOnAnInterruptedThreadThrowsAtOnce() {
        RateLimiter r = limiter(1, Duration.ofSeconds(1), 1);
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, r::acquire);
        assertFalse(Thread.interrupted());
        assertTrue(r.tryAcquire(), "nothing was reserved");
    }

    @Test
    void validatesArgumentsAtBuildTime() {
        assertThrows(IllegalArgumentException.class, () -> RateLimiter.of(0, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> RateLimiter.of(1, Duration.ZERO));
        assertThrows(NullPointerException.class, () -> RateLimiter.of(1, null));
        var e = assertThrows(IllegalArgumentException.class, () -> RateLimiter.of(10, Duration.ofNanos(5)));
        assertTrue(e.getMessage().contains("at least 1 ns"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RateLimiter.builder(1, Duration.ofSeconds(1)).burst(0));
        RateLimiter r = RateLimiter.builder(3, Duration.ofMinutes(1)).burst(2).build();
        assertEquals(3, r.permits());
        assertEquals(Duration.ofMinutes(1), r.period());
        assertEquals(2, r.burst());
        assertEquals("RateLimiter[3 per 60s, burst 2]", r.toString());
    }
}
