package io.tandem.limit;

import io.tandem.limit.Limiter;
import io.tandem.test.TestThreads;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Never more than n holders at once, and all permits back at the end, under every kind of acquire. */
class LimiterStressTest {
    private static final int SCALE = Integer.getInteger("tandem.stressScale", 1);

    @Test
    void neverMoreHoldersThanPermits() {
        for (Limiter limiter : new Limiter[]{Limiter.of(3), Limiter.fair(3)}) {
            AtomicInteger holders = new AtomicInteger();
            AtomicInteger maxHolders = new AtomicInteger();
            AtomicLong entries = new AtomicLong();
            int iterations = 20_000 * SCALE;
            TestThreads.run(8, index -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < iterations; i++) {
                    Limiter.Permit p = switch (random.nextInt(4)) {
                        case 0 -> limiter.acquire();
                        case 1 -> limiter.tryAcquire();
                        case 2 -> limiter.tryAcquire(Duration.ofNanos(random.nextInt(10_000)));
                        default -> limiter.acquire(1 + random.nextInt(2));
                    };
                    if (p == null) {
                        continue;
                    }
                    try (p) {
                        int now = holders.addAndGet(p.count());
                        maxHolders.accumulateAndGet(now, Math::max);
                        assertTrue(now <= 3, "holders " + now + " > 3");
                        entries.incrementAndGet();
                        Thread.onSpinWait();
                        holders.addAndGet(-p.count());
                        if (random.nextInt(8) == 0) {
                            p.close(); // an early close plus the try's close: must release once
                        }
                    }
                }
            });
            assertEquals(3, limiter.available(), limiter::toString);
            assertEquals(0, holders.get());
            assertTrue(entries.get() > 0);
        }
    }
}
