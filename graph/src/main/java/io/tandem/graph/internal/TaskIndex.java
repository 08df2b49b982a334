package io.tandem.graph.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A run's tasks by name, for tasks added while it runs: finds the tasks a new one depends on and
 * claims its name. The tasks given at the start are indexed on the first lookup only, as most runs
 * never add a task.
 *
 * <p>Thread-safe: tasks add tasks from any pool thread.
 */
final class TaskIndex {
    private final Node[] initial;
    private volatile Map<String, Node> initialByName;
    private final ConcurrentHashMap<String, Node> added = new ConcurrentHashMap<>();

    TaskIndex(Node[] initial) {
        this.initial = initial;
    }

    /** The task named {@code name}, or {@code null}. */
    Node lookup(String name) {
        Node n = initialByName().get(name);
        return n != null ? n : added.get(name);
    }

    /** Registers an added task's name; {@code false} when a task already has it. */
    boolean claim(Node node) {
        String name = node.spec.name();
        return !initialByName().containsKey(name) && added.putIfAbsent(name, node) == null;
    }

    private Map<String, Node> initialByName() {
        Map<String, Node> m = initialByName;
        if (m == null) {
            synchronized (this) {
                m = initialByName;
                if (m == null) {
                    m = new HashMap<>(Math.max(16, initial.length * 4 / 3 + 1));
                    for (Node n : initial) {
                        m.put(n.spec.name(), n);
                    }
                    initialByName = m;
                }
            }
        }
        return m;
    }
}
