package io.tandem.examples;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Ports seed 003's shared-counter example: ten threads each add one to a shared value many times with
 * {@code plus_one = value + 1; value = plus_one}, and updates get lost; then the fix with a
 * {@code Lock} (also seed 004's {@code Counter} class). The Java version shows the lost updates for real
 * (on more than one core, Java threads run at the same time; there is no GIL to make the race rare),
 * then three fixes from the JDK: {@link ReentrantLock} (the seed's {@code with value_lock:}),
 * {@link AtomicLong} (one atomic read-modify-write, no lock) and {@link LongAdder} (per-thread cells,
 * best under heavy contention). Tandem deliberately does not wrap these: the JDK's are the right tools.
 *
 * <p>The concurrency point: a read followed by a write is not atomic; a lock or an atomic instruction
 * makes it so.
 *
 * <p>Smaller than the seed: 10 threads × 100,000 increments (the seed does 10 × 1,000,000); all
 * threads wait at a start gate so they really overlap.
 */
public final class UnsafeCounter {
    static final int THREADS = 10;
    static final int INCREMENTS = 100_000;
    static final long EXPECTED = (long) THREADS * INCREMENTS;

    // volatile: every read and write goes to memory, so the JIT cannot fold the loop into one addition
    // and the race between read and write stays visible
    private static volatile long value;

    private UnsafeCounter() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** Runs the example, printing on {@code out}. */
    public static void run(PrintStream out) throws Exception {
        value = 0;
        runThreads(() -> {
            for (int i = 0; i < INCREMENTS; i++) {
                long plusOne = value + 1;
                value = plusOne;
            }
        });
        out.printf("Value: %d (expected %d; %d updates lost)%n", value, EXPECTED, EXPECTED - value);

        ReentrantLock valueLock = new ReentrantLock();
        long[] locked = {0};
        runThreads(() -> {
            for (int i = 0; i < INCREMENTS; i++) {
                valueLock.lock();   // blocks other threads until unlock
                try {
                    long plusOne = locked[0] + 1;
                    locked[0] = plusOne;
                } finally {
                    valueLock.unlock();
                }
            }
        });
        out.printf("With ReentrantLock: %d%n", locked[0]);   // join() made every write visible

        AtomicLong atomic = new AtomicLong();
        runThreads(() -> {
            for (int i = 0; i < INCREMENTS; i++) {
                atomic.incrementAndGet();
            }
        });
        out.printf("With AtomicLong: %d%n", atomic.get());

        LongAdder adder = new LongAdder();
        runThreads(() -> {
            for (int i = 0; i < INCREMENTS; i++) {
                adder.increment();
            }
        });
        out.printf("With LongAdder: %d%n", adder.sum());
    }

    /** Starts {@link #THREADS} platform threads running {@code task} all at once, and joins them. */
    private static void runThreads(Runnable task) throws InterruptedException {
        CountDownLatch startGate = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            threads.add(Thread.ofPlatform().name("counter-" + i).start(() -> {
                try {
                    startGate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                task.run();
            }));
        }
        startGate.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
