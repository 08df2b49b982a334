package io.tandem.graph;

import java.time.Duration;
import java.time.Instant;

/**
 * One task's record in a {@link RunResult}.
 *
 * <p>Thread safety: an immutable value (the {@code value} is whatever the task returned).
 *
 * @param name       the task's name
 * @param status     how it ended
 * @param value      its result when {@link TaskStatus#SUCCEEDED}, else {@code null}
 * @param error      the last attempt's exception when {@link TaskStatus#FAILED} (a {@link TaskTimeoutException} for a timeout), else {@code null}
 * @param skipReason why it was skipped or cancelled, else {@code null}
 * @param attempts   attempts started (0 if it never ran)
 * @param startedAt  wall-clock start of the first attempt, {@code null} if it never ran
 * @param start      start of the first attempt since the run started, {@code null} if it never ran
 * @param end        end of the last attempt since the run started, {@code null} if it never ran
 * @param worker     the worker that ran the last attempt ({@code pool#slot}), {@code null} if it never ran
 * @param priority   its priority
 * @param dynamic    whether a running task added it
 */
public record TaskResult(String name, TaskStatus status, Object value, Throwable error, String skipReason,
                         int attempts, Instant startedAt, Duration start, Duration end, String worker,
                         int priority, boolean dynamic) {

    /** How long it ran, from the first attempt's start to the last attempt's end; zero if it never ran. */
    public Duration elapsed() {
        return start == null || end == null ? Duration.ZERO : end.minus(start);
    }
}
