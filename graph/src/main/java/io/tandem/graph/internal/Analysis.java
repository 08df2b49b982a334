package io.tandem.graph.internal;

import io.tandem.graph.GraphException;
import io.tandem.graph.Plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Static analysis of a graph before it runs: resolves dependency names to indices, finds a
 * topological order (Kahn), reports a cycle with its path, and computes each task's critical-path
 * length (tasks on the longest chain from it to a sink, itself included). Iterative throughout, so a
 * chain of a million tasks does not overflow the stack. Not thread-safe; used by one thread.
 */
public final class Analysis {
    final List<Spec> specs;
    final int[][] deps;
    final int[][] dependents;
    final int[] cp;
    final int[] topo;

    private Analysis(List<Spec> specs, int[][] deps, int[][] dependents, int[] cp, int[] topo) {
        this.specs = specs;
        this.deps = deps;
        this.dependents = dependents;
        this.cp = cp;
        this.topo = topo;
    }

    /** Resolves and checks {@code specs} (names are unique); throws {@link GraphException} on an unknown dependency or a cycle. */
    public static Analysis of(List<Spec> specs, Map<String, Integer> index) {
        int n = specs.size();
        int[][] deps = new int[n][];
        int[] outCount = new int[n];
        for (int i = 0; i < n; i++) {
            Spec s = specs.get(i);
            List<String> names = s.deps();
            int[] d = new int[names.size()];
            int k = 0;
            for (String dn : names) {
                Integer j = index.get(dn);
                if (j == null) {
                    throw new GraphException(s.name(), "depends on unknown task '" + dn + "'; add it to the graph or fix the name");
                }
                boolean dup = false;
                for (int q = 0; q < k; q++) {
                    if (d[q] == j) {
                        dup = true;
                        break;
                    }
                }
                if (!dup) {
                    d[k++] = j;
                    outCount[j]++;
                }
            }
            deps[i] = k == d.length ? d : java.util.Arrays.copyOf(d, k);
        }
        int[][] dependents = new int[n][];
        for (int i = 0; i < n; i++) {
            dependents[i] = new int[outCount[i]];
            outCount[i] = 0;
        }
        for (int i = 0; i < n; i++) {
            for (int j : deps[i]) {
                dependents[j][outCount[j]++] = i;
            }
        }
        int[] indeg = new int[n];
        int[] topo = new int[n];
        int head = 0;
        int tail = 0;
        for (int i = 0; i < n; i++) {
            indeg[i] = deps[i].length;
            if (indeg[i] == 0) {
                topo[tail++] = i;
            }
        }
        while (head < tail) {
            int i = topo[head++];
            for (int j : dependents[i]) {
                if (--indeg[j] == 0) {
                    topo[tail++] = j;
                }
            }
        }
        if (tail < n) {
            throw new GraphException(null, "cycle: " + cyclePath(specs, deps, indeg) + " (each task needs the next)");
        }
        int[] cp = new int[n];
        for (int t = n - 1; t >= 0; t--) {
            int i = topo[t];
            int best = 0;
            for (int j : dependents[i]) {
                best = Math.max(best, cp[j]);
            }
            cp[i] = best + 1;
        }
        return new Analysis(specs, deps, dependents, cp, topo);
    }

    /* Every task left with indegree > 0 has a dependency also left, so walking "needs" from one of them must revisit a task: the cycle. */
    private static String cyclePath(List<Spec> specs, int[][] deps, int[] indeg) {
        int start = -1;
        for (int i = 0; i < indeg.length; i++) {
            if (indeg[i] > 0) {
                start = i;
                break;
            }
        }
        Map<Integer, Integer> seenAt = new HashMap<>();
        List<Integer> walk = new ArrayList<>();
        int cur = start;
        while (!seenAt.containsKey(cur)) {
            seenAt.put(cur, walk.size());
            walk.add(cur);
            int next = -1;
            for (int j : deps[cur]) {
                if (indeg[j] > 0) {
                    next = j;
                    break;
                }
            }
            cur = next;
        }
        StringBuilder sb = new StringBuilder();
        for (int k = seenAt.get(cur); k < walk.size(); k++) {
            sb.append(specs.get(walk.get(k)).name()).append(" -> ");
        }
        return sb.append(specs.get(cur).name()).toString();
    }

    /** Checks resources and pools against the run's declarations. */
    public void checkRun(Map<String, Integer> capacity, Collection<String> pools) {
        for (Spec s : specs) {
            check(s, capacity, pools);
        }
    }

    static void check(Spec s, Map<String, Integer> capacity, Collection<String> pools) {
        for (Map.Entry<String, Integer> e : s.resources().entrySet()) {
            Integer cap = capacity.get(e.getKey());
            if (cap == null) {
                throw new GraphException(s.name(), "needs resource '" + e.getKey() + "', which the run does not declare; declared: "
                        + capacity.keySet() + " (declare it with RunOptions.builder().resource(\"" + e.getKey() + "\", capacity))");
            }
            if (e.getValue() > cap) {
                throw new GraphException(s.name(), "needs " + e.getValue() + " units of resource '" + e.getKey()
                        + "' but its capacity is " + cap + "; it could never start");
            }
        }
        if (!pools.contains(s.pool())) {
            throw new GraphException(s.name(), "runs on pool '" + s.pool() + "', which the run does not declare; declared: " + pools);
        }
    }

    /** The plan: a priority-aware topological order and the critical path. */
    public Plan plan() {
        int n = specs.size();
        int[] indeg = new int[n];
        PriorityQueue<Integer> ready = new PriorityQueue<>((a, b) -> {
            int c = Integer.compare(specs.get(b).priority(), specs.get(a).priority());
            if (c != 0) {
                return c;
            }
            c = Integer.compare(cp[b], cp[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        for (int i = 0; i < n; i++) {
            indeg[i] = deps[i].length;
            if (indeg[i] == 0) {
                ready.add(i);
            }
        }
        List<String> order = new ArrayList<>(n);
        while (!ready.isEmpty()) {
            int i = ready.poll();
            order.add(specs.get(i).name());
            for (int j : dependents[i]) {
                if (--indeg[j] == 0) {
                    ready.add(j);
                }
            }
        }
        List<String> critical = new ArrayList<>();
        int cur = -1;
        for (int i = 0; i < n; i++) {
            if (deps[i].length == 0 && (cur < 0 || cp[i] > cp[cur])) {
                cur = i;
            }
        }
        while (cur >= 0) {
            critical.add(specs.get(cur).name());
            int next = -1;
            for (int j : dependents[cur]) {
                if (cp[j] == cp[cur] - 1 && (next < 0 || j < next)) {
                    next = j;
                }
            }
            cur = next;
        }
        return new Plan(order, critical);
    }
}
