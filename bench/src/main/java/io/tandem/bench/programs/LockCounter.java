package io.tandem.bench.programs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Seed 003's ten threads adding one to a shared value under a {@code threading.Lock}, as a user ports it
 * from the README: JDK platform threads and a {@link ReentrantLock} (the README points to the JDK here).
 * Usage: {@code LockCounter N} (increments per thread; the seed's N is 1000000); prints {@code Value: V}.
 */
public final class LockCounter {
    private static long value;
    private static final ReentrantLock VALUE_LOCK = new ReentrantLock();

    private LockCounter() {
    }

    static void task(int n) {
        for (int i = 0; i < n; i++) {
            VALUE_LOCK.lock();
            try {
                long plusOne = value + 1;
                value = plusOne;
            } finally {
                VALUE_LOCK.unlock();
            }
        }
    }

    public static void main(String[] args) throws InterruptedException {
        int n = Integer.parseInt(args[0]);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            threads.add(Thread.ofPlatform().start(() -> task(n)));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        VALUE_LOCK.lock();
        try {
            System.out.println("Value: " + value);
        } finally {
            VALUE_LOCK.unlock();
        }
    }
}
