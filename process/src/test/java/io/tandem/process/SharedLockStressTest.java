package io.tandem.process;

import io.tandem.test.TestThreads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Mutual exclusion under contention from threads of this JVM and two child processes at once: every
 * party increments a counter non-atomically ({@code set(get() + 1)}) under the counter's lock; a lost
 * update would leave the total short. In this JVM an extra in-lock occupancy count catches overlap
 * directly.
 */
class SharedLockStressTest {
    private static final int SCALE = Integer.getInteger("tandem.stressScale", 1);

    @TempDir
    Path logs;

    @Test
    void threadsAndProcesses_neverOverlapInsideTheLock() throws Exception {
        int threads = 4;
        int children = 2;
        int rounds = 5_000 * SCALE;
        Codec codec = Codecs.java();
        try (SharedLong counter = SharedLong.create(0)) {
            SharedLock lock = counter.lock();
            List<ChildJvm> started = new ArrayList<>();
            try {
                String handle = SharedCounterChild.encode(codec, counter);
                for (int i = 0; i < children; i++) {
                    started.add(ChildJvm.start(logs, "locked-increments", codec.id(), String.valueOf(rounds), handle));
                }
                AtomicInteger inside = new AtomicInteger();
                AtomicLong byThreads = new AtomicLong();
                // the threads go on until the children are done, so both kinds of contender overlap
                TestThreads.run(threads, Duration.ofMinutes(4), t -> {
                    long mine = 0;
                    while (mine < rounds || started.stream().anyMatch(c -> c.process().isAlive())) {
                        lock.lock();
                        try {
                            assertEquals(1, inside.incrementAndGet(), "two threads inside the lock");
                            counter.set(counter.get() + 1);
                            inside.decrementAndGet();
                        } finally {
                            lock.unlock();
                        }
                        mine++;
                    }
                    byThreads.addAndGet(mine);
                });
                for (ChildJvm c : started) {
                    c.assertSucceeds(Duration.ofMinutes(4));
                }
                assertEquals(byThreads.get() + (long) children * rounds, counter.get());
            } finally {
                ChildJvm.closeAll(started);
            }
        }
    }
}
