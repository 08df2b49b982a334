package io.tandem.graph;

/**
 * The final state of a task in a run.
 *
 * <p>Thread safety: an enum; immutable.
 */
public enum TaskStatus {
    /** The task returned a value. */
    SUCCEEDED,
    /** The task threw on its last attempt (or timed out); {@link TaskResult#error()} holds why. */
    FAILED,
    /** The task never ran: an upstream task failed or was skipped, or its skip condition held; {@link TaskResult#skipReason()} says which. */
    SKIPPED,
    /** The task was cancelled: the run was cancelled, or a failure under {@link FailurePolicy#FAIL_FAST}. */
    CANCELLED
}
