package io.tandem.io.internal;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Warnings with a budget: at most {@code perWindow} are logged (with their stack traces) per {@code window};
 * the rest are counted, and the first warning of a later window says how many were left out. A flood of
 * failures (a broken handler hit by every request) then costs a few log lines a minute instead of a stack
 * trace per request. Thread-safe.
 */
final class RateLimitedLog {
    private final System.Logger log;
    private final int perWindow;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private final ReentrantLock lock = new ReentrantLock();
    private long windowStart;
    private int logged;
    private long suppressed;

    RateLimitedLog(System.Logger log, int perWindow, Duration window, LongSupplier nanoTime) {
        this.log = log;
        this.perWindow = perWindow;
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
        this.windowStart = nanoTime.getAsLong();
    }

    /** Logs {@code message} (and {@code error}'s trace, if not null) at WARNING unless this window's budget is spent. */
    void warn(String message, Throwable error) {
        long left;
        lock.lock();
        try {
            long now = nanoTime.getAsLong();
            if (now - windowStart >= windowNanos) {
                windowStart = now;
                logged = 0;
            }
            if (logged >= perWindow) {
                suppressed++;
                return;
            }
            logged++;
            left = suppressed;
            suppressed = 0;
        } finally {
            lock.unlock();
        }
        String text = left == 0 ? message
                : message + " (" + left + " similar warning(s) suppressed before this one; at most " + perWindow
                + " per " + Duration.ofNanos(windowNanos).toSeconds() + " s)";
        if (error == null) {
            log.log(System.Logger.Level.WARNING, text);
        } else {
            log.log(System.Logger.Level.WARNING, text, error);
        }
    }

    /** Warnings left out since the last one logged: for tests and monitoring. */
    long suppressed() {
        lock.lock();
        try {
            return suppressed;
        } finally {
            lock.unlock();
        }
    }
}
