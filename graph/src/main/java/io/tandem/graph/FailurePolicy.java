package io.tandem.graph;

/**
 * What a run does when a task fails for good (after its retries).
 *
 * <p>Thread safety: an enum; immutable.
 */
public enum FailurePolicy {
    /** Cancel everything: running tasks are interrupted, pending ones end {@link TaskStatus#CANCELLED}. */
    FAIL_FAST,
    /** Tasks downstream of the failure end {@link TaskStatus#SKIPPED} with the reason; independent branches finish. */
    KEEP_GOING
}
