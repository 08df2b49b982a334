package io.tandem;

/*
 * When an observed task reads the clock. Timing a task costs two System.nanoTime() calls (about 45 ns
 * together on a TSC clock), as much as the whole of a direct pool's tiny task and a tenth of a thread
 * pool's: timing every task was most of what observing cost on tiny-submit. So a task whose last timed
 * predecessor on the same thread stripe took less than TINY_NANOS is timed only one in N, where N is
 * about TINY_NANOS / that duration (at most MAX_SKIP): the clock then costs at most a percent or two of
 * the work it measures, whatever the task size. Tasks of TINY_NANOS and more are all timed, and so is
 * every retried attempt.
 *
 * An untimed task is still recorded (kind, label, worker, attempt): counts and progress stay exact; only
 * its start and end are 0, and consumers estimate its duration from its timed neighbours.
 *
 * State: one per pool, made when the pool is first observed (so a pool's first task is always timed),
 * with a countdown per stripe of threads (by thread id): plain ints written racily. A lost update only
 * times a task more or less often; nothing is counted here. Padded so that stripes written by different
 * cores do not share a cache line.
 */
final class TaskTiming {
    /** Tasks shorter than this are timed one in N. */
    static final long TINY_NANOS = 5_000;
    /** At most this many tasks in a row go untimed. */
    static final int MAX_SKIP = 64;

    /** For owners that keep no state of their own. */
    static final TaskTiming SHARED = new TaskTiming();

    private static final int STRIPES = 8;
    private static final int PAD = 16; // ints per 64-byte line
    private final int[] skip = new int[STRIPES * PAD];

    private static int slot() {
        return ((int) Thread.currentThread().threadId() & (STRIPES - 1)) * PAD;
    }

    /** The start of an attempt: {@link System#nanoTime()}, or 0 if this one goes untimed. */
    long start(int attempt) {
        int i = slot();
        int left = skip[i];
        if (left > 0 && attempt <= 1) {
            skip[i] = left - 1;
            return 0;
        }
        return System.nanoTime();
    }

    /** The end of an attempt timed from {@code start} (not 0): now, and how many of the next ones to skip. */
    long stop(long start) {
        long end = System.nanoTime();
        long took = end - start;
        if (took < TINY_NANOS) {
            skip[slot()] = (int) Math.min(MAX_SKIP, TINY_NANOS / Math.max(1, took)) - 1;
        }
        return end;
    }
}
