package io.tandem.graph;

import java.util.List;

/**
 * A graph's plan, before anything runs: every task in an order the scheduler could run them with
 * unlimited workers (dependencies first; among ready tasks higher priority, then longer critical
 * path), and the critical path (the longest chain of dependent tasks, weighted by task count).
 *
 * <p>Thread safety: an immutable value.
 *
 * @param order        every task, dependencies before dependents
 * @param criticalPath the longest chain, first task first
 */
public record Plan(List<String> order, List<String> criticalPath) {
    public Plan {
        order = List.copyOf(order);
        criticalPath = List.copyOf(criticalPath);
    }
}
