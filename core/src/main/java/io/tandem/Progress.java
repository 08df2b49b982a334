package io.tandem;


import java.io.PrintStream;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A progress report: a count of work done against a total that may grow, shown as a terminal progress
 * bar (count, rate, ETA) or kept silent. Pools and scopes report to one when configured with it
 * ({@code Pools.Builder.progress}, {@code Scope.withProgress}).
 *
 * {@snippet :
 * try (Progress p = Progress.bar("download", urls.size())) {
 *     pool.map(u -> { fetch(u); p.step(); return null; }, urls);
 * }
 * }
 *
 * <p>A bar draws one line, redrawn in place ({@code \r}): the label, a bar, {@code done/total}, the
 * percentage, the average rate per second and the estimated time left, for example
 * {@code download [#########-----------]  450/1000  45.0%  12.5/s  ETA 0:44}. With no total yet it shows
 * the count, rate and elapsed time. {@link #close()} draws the final line and ends it with a newline.
 *
 * <p>Thread safety: every method may be called from any thread at any time, and cheaply: counting is
 * lock-free, and drawing happens at most about ten times a second, done by whichever caller first
 * crosses the next 100 ms slot (a compare-and-set picks it, and a caller that finds another one drawing
 * skips drawing instead of waiting). No thread is started.
 */
public interface Progress extends AutoCloseable {

    /**
     * A progress bar drawn on {@link System#err} when the program runs in a terminal, and silent
     * (counting only) otherwise, so logs and CI output are not flooded with redraws.
     */
    static Progress bar(String label) {
        return ProgressBar.forTerminal(Objects.requireNonNull(label, "label"), 0);
    }

    /** Like {@link #bar(String)} with a known total (more may be added with {@link #addTotal}). */
    static Progress bar(String label, long total) {
        if (total < 0) {
            throw new IllegalArgumentException("total must not be negative, got " + total);
        }
        return ProgressBar.forTerminal(Objects.requireNonNull(label, "label"), total);
    }

    /** Counts and draws nothing. */
    static Progress silent() {
        return new ProgressBar("", 0, null, System::nanoTime);
    }

    /**
     * A progress bar that always draws on {@code out}, terminal or not, timed by {@code nanoTime} (a
     * source like {@link System#nanoTime()}, or a fake clock in tests).
     */
    static Progress to(PrintStream out, String label, LongSupplier nanoTime) {
        Objects.requireNonNull(out, "out must not be null; pass System.err");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(nanoTime, "nanoTime must not be null; pass System::nanoTime");
        return new ProgressBar(label, 0, out, nanoTime);
    }

    /** Adds {@code n} units of work to the total. */
    void addTotal(long n);

    /** Marks one unit done. */
    default void step() {
        step(1);
    }

    /** Marks {@code n} units done. */
    void step(long n);

    /** Units done so far. */
    long done();

    /** The total announced so far. */
    long total();

    /** Draws the final state (if drawing) and stops. Further steps are counted but not drawn. Idempotent. */
    @Override
    void close();
}
