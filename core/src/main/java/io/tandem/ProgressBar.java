package io.tandem;

import io.tandem.Progress;

import java.io.Console;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/*
 * Counting is two AtomicLongs. Drawing is rate-limited without a thread: nextDraw holds the start of the
 * next 100 ms slot; a caller that sees the slot has begun tries to move it on with one CAS, and only the
 * winner draws. The winner then takes the drawing lock with tryLock, so a slow terminal makes at most one
 * caller wait for the print, and never two drawers interleave their lines. close() takes the lock for
 * real to draw the final line after any drawing in progress.
 */
final class ProgressBar implements Progress {
    static final long DRAW_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int BAR_WIDTH = 20;

    private final String label;
    private final PrintStream out; // null: silent
    private final LongSupplier nanoTime;
    private final long startNanos;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong total;
    private final AtomicLong nextDraw;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ReentrantLock drawing = new ReentrantLock();
    private int lastLength; // guarded by drawing

    public ProgressBar(String label, long total, PrintStream out, LongSupplier nanoTime) {
        this.label = label;
        this.out = out;
        this.nanoTime = nanoTime;
        this.total = new AtomicLong(total);
        this.startNanos = nanoTime.getAsLong();
        this.nextDraw = new AtomicLong(startNanos);
    }

    /** A bar on standard error when it is a terminal, else a silent counter. */
    public static Progress forTerminal(String label, long total) {
        Console console = System.console();
        boolean terminal = console != null && console.isTerminal();
        return new ProgressBar(label, total, terminal ? System.err : null, System::nanoTime);
    }

    @Override
    public void addTotal(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, got " + n);
        }
        total.addAndGet(n);
        maybeDraw();
    }

    @Override
    public void step(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, got " + n);
        }
        done.addAndGet(n);
        maybeDraw();
    }

    @Override
    public long done() {
        return done.get();
    }

    @Override
    public long total() {
        return total.get();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true) || out == null) {
            return;
        }
        drawing.lock();
        try {
            draw(nanoTime.getAsLong(), true);
        } finally {
            drawing.unlock();
        }
    }

    private void maybeDraw() {
        if (out == null || closed.get()) {
            return;
        }
        long now = nanoTime.getAsLong();
        long slot = nextDraw.get();
        if (now - slot < 0 || !nextDraw.compareAndSet(slot, now + DRAW_INTERVAL_NANOS)) {
            return;
        }
        if (drawing.tryLock()) {
            try {
                if (!closed.get()) {
                    draw(now, false);
                }
            } finally {
                drawing.unlock();
            }
        }
    }

    private void draw(long now, boolean last) {
        String line = format(label, done.get(), total.get(), now - startNanos, last);
        StringBuilder sb = new StringBuilder(line.length() + 16).append('\r').append(line);
        for (int i = line.length(); i < lastLength; i++) {
            sb.append(' ');
        }
        lastLength = line.length();
        if (last) {
            sb.append(System.lineSeparator());
        }
        out.print(sb);
        out.flush();
    }

    /** One line of the bar; {@code last} shows the total time taken instead of the ETA. */
    static String format(String label, long done, long total, long elapsedNanos, boolean last) {
        double seconds = elapsedNanos / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        StringBuilder sb = new StringBuilder();
        if (!label.isEmpty()) {
            sb.append(label).append(' ');
        }
        if (total > 0) {
            int filled = (int) Math.min(BAR_WIDTH, done * BAR_WIDTH / total);
            sb.append('[').append("#".repeat(filled)).append("-".repeat(BAR_WIDTH - filled)).append("] ");
            String totalText = Long.toString(total);
            sb.append(String.format(Locale.ROOT, "%" + totalText.length() + "d/%s  %5.1f%%", done, totalText,
                    done * 100.0 / total));
        } else {
            sb.append(done);
        }
        sb.append("  ").append(seconds > 0 ? String.format(Locale.ROOT, "%.1f/s", rate) : "-/s");
        if (last || total <= 0) {
            sb.append(last ? "  in " : "  elapsed ").append(clock(Math.round(seconds)));
        } else if (done >= total) {
            sb.append("  ETA 0:00");
        } else if (rate > 0) {
            sb.append("  ETA ").append(clock(Math.round((total - done) / rate)));
        } else {
            sb.append("  ETA -:--");
        }
        return sb.toString();
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour on. */
    static String clock(long seconds) {
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
                : String.format(Locale.ROOT, "%d:%02d", m, s);
    }

    @Override
    public String toString() {
        return "Progress[" + label + " " + done.get() + "/" + total.get() + "]";
    }
}
