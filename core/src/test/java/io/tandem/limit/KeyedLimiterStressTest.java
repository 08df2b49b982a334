package io.tandem.limit;

import io.tandem.limit.KeyedLimiter;
import io.tandem.limit.Limiter;
import io.tandem.test.TestThreads;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many threads over many keys, with keys coming and going all the time (so per-key state is created and
 * removed constantly): the per-key bound is never exceeded and the map is empty at the end.
 */
class KeyedLimiterStressTest {
    private static final int SCALE = Integer.getInteger("tandem.stressScale", 1);
    private static final int PER_KEY = 2;

    @Test
    void perKeyBoundHoldsAndNoStateIsLeft() {
        for (int keys : new int[]{3, 1000}) {
            KeyedLimiter<Integer> limiter = KeyedLimiter.of(PER_KEY);
            AtomicIntegerArray holders = new AtomicIntegerArray(keys);
            AtomicLong held = new AtomicLong();
            int iterations = 30_000 * SCALE;
            TestThreads.run(8, index -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < iterations; i++) {
                    int key = random.nextInt(keys);
                    Limiter.Permit p = switch (random.nextInt(3)) {
                        case 0 -> limiter.acquire(key);
                        case 1 -> limiter.tryAcquire(key);
                        default -> limiter.tryAcquire(key, Duration.ofNanos(random.nextInt(20_000)));
                    };
                    if (p == null) {
                        continue;
                    }
                    try (p) {
                        int now = holders.incrementAndGet(key);
                        assertTrue(now <= PER_KEY, "key " + key + " has " + now + " holders");
                        held.incrementAndGet();
                        Thread.onSpinWait();
                        holders.decrementAndGet(key);
                    }
                }
            });
            assertEquals(0, limiter.activeKeys(), "per-key state left behind: " + limiter);
            for (int k = 0; k < keys; k++) {
                assertEquals(PER_KEY, limiter.available(k));
            }
            assertTrue(held.get() > 0);
        }
    }
}
