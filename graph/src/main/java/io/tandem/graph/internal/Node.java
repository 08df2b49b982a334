package io.tandem.graph.internal;

import io.tandem.graph.TaskStatus;

import java.util.ArrayList;

/** A task's scheduling state in one run. Mutated only by the scheduler loop (see {@link Engine}). */
final class Node {
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

    void addDependent(Node d) {
        if (dependents == null) {
            dependents = new ArrayList<>(2);
        }
        dependents.add(d);
    }
}
