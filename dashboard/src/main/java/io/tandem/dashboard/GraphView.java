package io.tandem.dashboard;

import io.tandem.graph.GraphEvent;
import io.tandem.graph.GraphObserver;
import io.tandem.graph.TaskResult;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/*
 * The DAG state of one TaskGraph run: its tasks, what each needs, and where each stands (waiting, running,
 * succeeded, failed, skipped, cancelled), with attempts, worker and error. Fed by the run's events (through
 * the Recording's queue, so the scheduler never waits for the page). Owned by the Recording's lock.
 */
final class GraphView {
    static final String WAITING = "waiting";
    static final String RUNNING = "running";

    final int id;
    final List<String> names = new ArrayList<>();
    final List<int[]> needs = new ArrayList<>();
    final List<String> status = new ArrayList<>();
    final List<String> worker = new ArrayList<>();
    final List<String> error = new ArrayList<>();
    final List<Integer> attempts = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();
    boolean finished;

    GraphView(int id, List<GraphObserver.TaskShape> tasks) {
        this.id = id;
        for (GraphObserver.TaskShape t : tasks) {
            add(t.name());
        }
        for (GraphObserver.TaskShape t : tasks) {
            int[] n = new int[t.needs().size()];
            for (int k = 0; k < n.length; k++) {
                n[k] = index.getOrDefault(t.needs().get(k), -1);
            }
            needs.set(index.get(t.name()), n);
        }
    }

    private int add(String name) {
        Integer i = index.get(name);
        if (i != null) {
            return i;
        }
        int n = names.size();
        index.put(name, n);
        names.add(name);
        needs.add(new int[0]);
        status.add(WAITING);
        worker.add(null);
        error.add(null);
        attempts.add(0);
        return n;
    }

    void on(GraphEvent e) {
        switch (e) {
            case GraphEvent.TaskAdded a -> add(a.task());
            case GraphEvent.TaskStarted s -> {
                int i = add(s.task());
                status.set(i, RUNNING);
                attempts.set(i, s.attempt());
                worker.set(i, s.worker());
            }
            case GraphEvent.TaskRetrying r -> {
                int i = add(r.task());
                status.set(i, "retrying");
                error.set(i, String.valueOf(r.error()));
            }
            case GraphEvent.TaskFinished f -> {
                TaskResult r = f.result();
                int i = add(r.name());
                status.set(i, r.status().name().toLowerCase(java.util.Locale.ROOT));
                attempts.set(i, r.attempts());
                if (r.worker() != null) {
                    worker.set(i, r.worker());
                }
                if (r.error() != null) {
                    error.set(i, String.valueOf(r.error()));
                } else if (r.skipReason() != null) {
                    error.set(i, r.skipReason());
                }
            }
            case GraphEvent.RunFinished rf -> finished = true;
            case GraphEvent.RunStarted rs -> {
            }
        }
    }
}
