package io.tandem.limit;

import io.tandem.internal.Checks;
import io.tandem.limit.OncePermit;
import io.tandem.limit.Limiter;
import io.tandem.limit.LimiterTimeoutException;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** {@link Limiter} on a {@link Semaphore}; each permit object releases its count once. */
final class SemaphoreLimiter implements Limiter {
    private final Semaphore semaphore;
    private final int permits;

    public SemaphoreLimiter(int permits, boolean fair) {
        this.permits = Checks.positive(permits, "permits");
        this.semaphore = new Semaphore(permits, fair);
    }

    @Override
    public Permit acquire() throws InterruptedException {
        semaphore.acquire();
        return new SemaphorePermit(semaphore, 1);
    }

    @Override
    public Permit acquire(int n) throws InterruptedException {
        checkCount(n);
        semaphore.acquire(n);
        return new SemaphorePermit(semaphore, n);
    }

    @Override
    public Permit acquire(Duration timeout) throws InterruptedException {
        long nanos = Checks.nonNegativeNanos(timeout, "timeout");
        if (!semaphore.tryAcquire(nanos, TimeUnit.NANOSECONDS)) {
            throw new LimiterTimeoutException("no permit within " + Checks.human(timeout) + ": " + state());
        }
        return new SemaphorePermit(semaphore, 1);
    }

    @Override
    public Permit tryAcquire() {
        return semaphore.tryAcquire() ? new SemaphorePermit(semaphore, 1) : null;
    }

    @Override
    public Permit tryAcquire(int n) {
        checkCount(n);
        return semaphore.tryAcquire(n) ? new SemaphorePermit(semaphore, n) : null;
    }

    @Override
    public Permit tryAcquire(Duration timeout) throws InterruptedException {
        long nanos = Checks.nonNegativeNanos(timeout, "timeout");
        return semaphore.tryAcquire(nanos, TimeUnit.NANOSECONDS) ? new SemaphorePermit(semaphore, 1) : null;
    }

    @Override
    public <T> T call(Callable<T> body) throws Exception {
        Objects.requireNonNull(body, "body");
        try (Permit ignored = acquire()) {
            return body.call();
        }
    }

    @Override
    public void run(Runnable body) throws InterruptedException {
        Objects.requireNonNull(body, "body");
        try (Permit ignored = acquire()) {
            body.run();
        }
    }

    @Override
    public int available() {
        return semaphore.availablePermits();
    }

    @Override
    public int permits() {
        return permits;
    }

    @Override
    public int waiting() {
        return semaphore.getQueueLength();
    }

    private void checkCount(int n) {
        if (n < 1 || n > permits) {
            throw new IllegalArgumentException("n must be between 1 and permits() = " + permits + ", got " + n
                    + (n > permits ? " (it could never be granted)" : ""));
        }
    }

    private String state() {
        return semaphore.availablePermits() + " of " + permits + " free, " + semaphore.getQueueLength() + " waiting";
    }

    @Override
    public String toString() {
        return "Limiter[" + state() + (semaphore.isFair() ? ", fair]" : "]");
    }

    private static final class SemaphorePermit extends OncePermit {
        private final Semaphore semaphore;

        SemaphorePermit(Semaphore semaphore, int count) {
            super(count);
            this.semaphore = semaphore;
        }

        @Override
        protected void release() {
            semaphore.release(count());
        }
    }
}
