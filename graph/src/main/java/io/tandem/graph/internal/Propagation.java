package io.tandem.graph.internal;

import io.tandem.graph.FailurePolicy;
import io.tandem.graph.TaskStatus;

import java.util.ArrayList;

/**
 * What a task's final state does to the tasks that depend on it: a success unblocks them; a failure
 * cancels the run ({@link FailurePolicy#FAIL_FAST}) or skips everything downstream, naming the root
 * cause ({@link FailurePolicy#KEEP_GOING}); a skip, or one task's cancellation while the run goes on,
 * skips everything downstream. Iterative, so a failure at the head of a million-task chain cannot
 * overflow the stack.
 *
 * <p>Scheduler loop only (see {@link Engine}); not thread-safe.
 */
final class Propagation {

    /** What the engine does for each consequence. */
    interface Effects {
        /** Every dependency of {@code n} has succeeded. */
        void unblocked(Node n);

        /** {@code n} was just marked {@link TaskStatus#SKIPPED} because of an upstream task. */
        void skipped(Node n);

        /** The run is to be cancelled for {@code reason}. */
        void cancelRun(String reason);
    }

    private final FailurePolicy policy;
    private final Effects effects;

    Propagation(FailurePolicy policy, Effects effects) {
        this.policy = policy;
        this.effects = effects;
    }

    /** Applies {@code n}'s final status (just set) to its dependants; {@code runCancelled}: the whole run is ending. */
    void finished(Node n, boolean runCancelled) {
        switch (n.status) {
            case SUCCEEDED -> {
                if (n.dependents != null) {
                    for (Node d : n.dependents) {
                        if (--d.pending == 0 && d.status == null) {
                            effects.unblocked(d);
                        }
                    }
                }
            }
            case FAILED -> {
                if (policy == FailurePolicy.FAIL_FAST) {
                    effects.cancelRun("cancelled: task '" + n.spec.name() + "' failed (fail-fast)");
                } else {
                    skipDependents(n);
                }
            }
            case SKIPPED -> skipDependents(n);
            case CANCELLED -> {
                if (!runCancelled) {
                    skipDependents(n);
                }
            }
        }
    }

    private void skipDependents(Node n) {
        if (n.dependents == null) {
            return;
        }
        for (Node d : n.dependents) {
            skipDownstream(n, d);
        }
    }

    /** Skips {@code first} and everything downstream of it that has not started, because {@code cause} did not succeed. */
    void skipDownstream(Node cause, Node first) {
        String reason = rootCause(cause);
        ArrayList<Node> stack = new ArrayList<>();
        stack.add(first);
        while (!stack.isEmpty()) {
            Node d = stack.removeLast();
            if (d.status != null || d.running) {
                continue;
            }
            d.status = TaskStatus.SKIPPED;
            d.reason = reason;
            effects.skipped(d);
            if (d.dependents != null) {
                stack.addAll(d.dependents);
            }
        }
    }

    /* A task skipped because of an upstream one passes on the original cause, not its own name. */
    private static String rootCause(Node n) {
        if (n.status == TaskStatus.SKIPPED && n.reason != null && n.reason.startsWith("upstream ")) {
            return n.reason;
        }
        return "upstream task '" + n.spec.name() + "' " + switch (n.status) {
            case FAILED -> "failed";
            case SKIPPED -> "was skipped";
            case CANCELLED -> "was cancelled";
            case SUCCEEDED -> "succeeded";
        };
    }
}
