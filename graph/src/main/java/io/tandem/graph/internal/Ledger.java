package io.tandem.graph.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What a run's tasks may still take: the free worker slots of each pool and the free units of each
 * named resource. A running attempt holds one slot of its pool (the slot names its worker,
 * {@code pool#slot}) and its task's resource units until it completes. Capping each pool at its slots
 * keeps the backlog in the scheduler's ready queue, ordered, instead of in the pool's FIFO queue.
 *
 * <p>Owned by the scheduler loop (see {@link Engine}); not thread-safe, except {@link #needs}, which
 * reads only what the constructor set.
 */
final class Ledger {
    private final String[] resNames;
    private final int[] resFree;
    private final int[][] freeSlots;
    private final int[] free;
    private final String[][] labels;
    private int freeTotal;

    Ledger(RunPools pools, Map<String, Integer> capacity) {
        this.resNames = capacity.keySet().toArray(String[]::new);
        this.resFree = new int[resNames.length];
        for (int i = 0; i < resNames.length; i++) {
            resFree[i] = capacity.get(resNames[i]);
        }
        int n = pools.size();
        this.freeSlots = new int[n][];
        this.free = new int[n];
        this.labels = new String[n][];
        for (int p = 0; p < n; p++) {
            RunPools.Entry e = pools.get(p);
            int slots = e.slots();
            freeSlots[p] = new int[slots];
            labels[p] = new String[slots];
            for (int i = 0; i < slots; i++) {
                freeSlots[p][i] = slots - 1 - i; // a stack: slot 0 is taken first
                labels[p][i] = e.name() + "#" + i;
            }
            free[p] = slots;
            freeTotal += slots;
        }
    }

    /** A task's resource needs as a vector over the declared resources; {@code null} when it needs none. */
    int[] needs(Map<String, Integer> resources) {
        if (resources.isEmpty()) {
            return null;
        }
        int[] need = new int[resNames.length];
        for (int i = 0; i < resNames.length; i++) {
            need[i] = resources.getOrDefault(resNames[i], 0);
        }
        return need;
    }

    /** Whether any pool has a free slot. */
    boolean anySlotFree() {
        return freeTotal > 0;
    }

    /** Whether {@code n}'s pool has a free slot and its resources are free. */
    boolean fits(Node n) {
        if (free[n.pool] == 0) {
            return false;
        }
        int[] need = n.need;
        if (need == null) {
            return true;
        }
        for (int i = 0; i < need.length; i++) {
            if (need[i] > resFree[i]) {
                return false;
            }
        }
        return true;
    }

    /** Takes a slot of {@code n}'s pool and its resources ({@link #fits} held); returns the slot. */
    int acquire(Node n) {
        int slot = freeSlots[n.pool][--free[n.pool]];
        freeTotal--;
        int[] need = n.need;
        if (need != null) {
            for (int i = 0; i < need.length; i++) {
                resFree[i] -= need[i];
            }
        }
        return slot;
    }

    /** Gives back what {@link #acquire} took for {@code n}. */
    void release(Node n, int slot) {
        freeSlots[n.pool][free[n.pool]++] = slot;
        freeTotal++;
        int[] need = n.need;
        if (need != null) {
            for (int i = 0; i < need.length; i++) {
                resFree[i] += need[i];
            }
        }
    }

    /** The worker name of a slot: {@code pool#slot}. */
    String label(int pool, int slot) {
        return labels[pool][slot];
    }

    /** Every worker name of the run, pool by pool. */
    List<String> workers() {
        List<String> all = new ArrayList<>();
        for (String[] l : labels) {
            Collections.addAll(all, l);
        }
        return all;
    }
}
