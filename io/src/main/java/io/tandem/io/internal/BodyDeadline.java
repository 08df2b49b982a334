package io.tandem.io.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the reading of one response body: when the attempt's deadline passes, or no byte arrives for the
 * read-idle time, a timer closes the body stream, which wakes the reader blocked in it with an IOException
 * ({@code HttpResponseInputStream.close} cancels the exchange and unblocks its queue). {@link #expiry()} then
 * says which limit ended it. The reader calls {@link #close()} when done, whatever happened. Thread-safe:
 * the reader and the timer thread share it.
 */
final class BodyDeadline implements AutoCloseable {
    /** Which limit ended the read. */
    enum Expiry { TOTAL, IDLE }

    private final ScheduledExecutorService timer;
    private final long deadline;
    private final long idleNanos;
    private final InputStream body;
    private volatile long lastProgress = System.nanoTime();
    private volatile long bytes;
    private volatile Expiry expiry;
    private volatile boolean done;
    private ScheduledFuture<?> check;   // guarded by this

    /**
     * @param deadline  {@link System#nanoTime()} by which the whole attempt must be over
     * @param idleNanos longest wait for the next bytes; 0 for none beyond the deadline
     */
    BodyDeadline(ScheduledExecutorService timer, long deadline, long idleNanos, InputStream body) {
        this.timer = timer;
        this.deadline = deadline;
        this.idleNanos = idleNanos;
        this.body = body;
        schedule(System.nanoTime());
    }

    /** The body, counting progress: read it instead of the raw stream. */
    InputStream stream() {
        return new FilterInputStream(body) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    progress(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0) {
                    progress(n);
                }
                return n;
            }
        };
    }

    private void progress(int n) {
        lastProgress = System.nanoTime();
        bytes += n;   // only the reader thread writes
    }

    /** Which limit closed the stream, or null if none did. */
    Expiry expiry() {
        return expiry;
    }

    /** Body bytes read so far. */
    long bytes() {
        return bytes;
    }

    private synchronized void schedule(long now) {
        if (done) {
            return;
        }
        long next = deadline;
        if (idleNanos > 0) {
            next = Math.min(next, lastProgress + idleNanos);
        }
        try {
            check = timer.schedule(this::check, Math.max(0, next - now), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            // the Fetch is closing: its client cancels the exchange, which ends the read anyway
        }
    }

    private void check() {
        if (done) {
            return;
        }
        long now = System.nanoTime();
        if (now - deadline >= 0) {
            expire(Expiry.TOTAL);
        } else if (idleNanos > 0 && now - lastProgress >= idleNanos) {
            expire(Expiry.IDLE);
        } else {
            schedule(now);
        }
    }

    private void expire(Expiry why) {
        expiry = why;
        try {
            body.close();
        } catch (IOException ignored) {
            // closing is how the read is ended; a failure to close leaves nothing else to do
        }
    }

    @Override
    public void close() {
        ScheduledFuture<?> pending;
        synchronized (this) {
            done = true;
            pending = check;
        }
        if (pending != null) {
            pending.cancel(false);
        }
    }
}
