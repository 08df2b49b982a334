package io.tandem;

/**
 * A progress report: a count of work done against a total that may grow, shown as a terminal progress
 * bar (count, rate, ETA) or kept silent. Pools and scopes report to one when configured with it
 * ({@code Pools.Builder.progress}, {@code Scope.withProgress}).
 *
 * <p>Thread safety: every method may be called from any thread at any time, and cheaply: counting is
 * lock-free, and drawing happens at most a few times a second.
 */
public interface Progress extends AutoCloseable {

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
