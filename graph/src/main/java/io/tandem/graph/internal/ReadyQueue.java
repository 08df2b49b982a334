package io.tandem.graph.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * The tasks ready to run, in dispatch order (higher priority, then longer critical path, then added
 * first: {@link Node#compareTo}), and the dispatch pass over them. A task whose pool or resources are
 * busy is passed over, up to {@value #SKIP_LIMIT} per pass, so a smaller task can use what is free
 * (backfilling); whatever was passed over goes back in order.
 *
 * <p>Scheduler loop only (see {@link Engine}); not thread-safe.
 */
final class ReadyQueue {
    private static final int SKIP_LIMIT = 64;

    private PriorityQueue<Node> heap = new PriorityQueue<>();
    private final ArrayList<Node> passedOver = new ArrayList<>();

    void add(Node n) {
        heap.add(n);
    }

    /** Adds the tasks that are ready when the run starts, heapifying in O(n) instead of n log n adds. */
    void addAll(Collection<Node> roots) {
        PriorityQueue<Node> h = new PriorityQueue<>(roots);
        h.addAll(heap);
        heap = h;
    }

    void clear() {
        heap.clear();
    }

    /** Hands {@code launch} each ready task, best first, for which {@code ledger} has a slot and resources. */
    void dispatch(Ledger ledger, Consumer<Node> launch) {
        while (ledger.anySlotFree() && !heap.isEmpty()) {
            Node n = heap.poll();
            if (!ledger.fits(n)) {
                passedOver.add(n);
                if (passedOver.size() >= SKIP_LIMIT) {
                    break;
                }
                continue;
            }
            launch.accept(n);
        }
        if (!passedOver.isEmpty()) {
            heap.addAll(passedOver);
            passedOver.clear();
        }
    }
}
