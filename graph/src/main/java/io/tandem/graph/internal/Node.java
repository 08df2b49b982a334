package io.tandem.graph.internal;

import io.tandem.graph.TaskResult;
import io.tandem.graph.TaskStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;

/** A task's scheduling state in one run. Mutated only by the scheduler loop (see {@link Engine}). */
final class Node implements Comparable<Node> {
    final Spec spec;
    final int seq;
    final boolean dynamic;
    final int[] need;
    final int pool;
    Node[] deps;
    ArrayList<Node> dependents;
    int cp = 1;
    int pending;
    TaskStatus status;
    boolean running;
    int attempts;
    long firstStart = -1;
    long lastEnd = -1;
    String worker;
    Object value;
    Throwable error;
    String reason;
    Attempt current;

    Node(Spec spec, int seq, boolean dynamic, int[] need, int pool) {
        this.spec = spec;
        this.seq = seq;
        this.dynamic = dynamic;
        this.need = need;
        this.pool = pool;
    }

    /** Ready-queue order: higher priority, then longer critical path, then added first. */
    @Override
    public int compareTo(Node b) {
        int c = Integer.compare(b.spec.priority(), spec.priority());
        if (c != 0) {
            return c;
        }
        c = Integer.compare(b.cp, cp);
        return c != 0 ? c : Integer.compare(seq, b.seq);
    }

    /** The task's result so far; times are offsets from the run's start at {@code wall0}. */
    TaskResult result(Instant wall0) {
        boolean ran = firstStart >= 0;
        return new TaskResult(spec.name(), status, value, error, reason, attempts,
                ran ? wall0.plusNanos(firstStart) : null,
                ran ? Duration.ofNanos(firstStart) : null,
                ran ? Duration.ofNanos(lastEnd) : null,
                ran ? worker : null, spec.priority(), dynamic);
    }

    void addDependent(Node d) {
        if (dependents == null) {
            dependents = new ArrayList<>(2);
        }
        dependents.add(d);
    }
}
