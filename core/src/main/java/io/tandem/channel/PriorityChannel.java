package io.tandem.channel;

import io.tandem.channel.BufferedChannel;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/*
 * The priority channels: a binary min-heap of items, each with the sequence number of its send, so that
 * items the comparator finds equal leave in the order they were sent (PriorityQueue, and Python's
 * heapq, promise no order among equals). Items and sequence numbers live in parallel arrays: no wrapper
 * object per item.
 *
 * The comparator is user code and may throw. Both sifts first find the item's place by comparing only
 * (reading the heap) and then move items, so an exception from the comparator leaves the heap exactly as
 * it was, and the send or receive that called it fails without a trace. Guarded by the engine's lock.
 */
final class PriorityChannel<T> extends BufferedChannel<T> {
    private static final int MIN_LENGTH = 16;
    private static final int MAX_LENGTH = Integer.MAX_VALUE - 8;

    private final int capacity;
    private final Comparator<? super T> comparator;
    private Object[] items = new Object[MIN_LENGTH];
    private long[] seqs = new long[MIN_LENGTH];
    private int size;
    private long nextSeq;
    /** The path of a sift-down: heap depth is at most 31. */
    private final int[] path = new int[32];

    public PriorityChannel(int capacity, Comparator<? super T> comparator, String kind) {
        super(capacity, kind);
        this.capacity = capacity;
        this.comparator = comparator;
    }

    /** Whether item {@code a}, sent as {@code seqA}, leaves before item {@code b}, sent as {@code seqB}. */
    @SuppressWarnings("unchecked")
    private boolean before(Object a, long seqA, Object b, long seqB) {
        int c = comparator.compare((T) a, (T) b);
        return c < 0 || c == 0 && seqA < seqB;
    }

    @Override
    void enqueue(T item) {
        if (size == items.length) {
            grow();
        }
        long seq = nextSeq;
        int k = size;
        while (k > 0) { // find the place: compare only
            int parent = (k - 1) >>> 1;
            if (!before(item, seq, items[parent], seqs[parent])) {
                break;
            }
            k = parent;
        }
        for (int j = size; j != k; ) { // then move the parents down along the path
            int parent = (j - 1) >>> 1;
            items[j] = items[parent];
            seqs[j] = seqs[parent];
            j = parent;
        }
        items[k] = item;
        seqs[k] = seq;
        size++;
        nextSeq = seq + 1;
    }

    @Override
    @SuppressWarnings("unchecked")
    T dequeue() {
        T first = (T) items[0];
        int last = size - 1;
        Object moved = items[last];
        long movedSeq = seqs[last];
        // Find where the last item goes when it replaces the root: compare only, remember the path.
        int depth = 0;
        int k = 0;
        while (true) {
            int child = 2 * k + 1;
            if (child >= last) {
                break;
            }
            int right = child + 1;
            if (right < last && before(items[right], seqs[right], items[child], seqs[child])) {
                child = right;
            }
            if (!before(items[child], seqs[child], moved, movedSeq)) {
                break;
            }
            path[depth++] = child;
            k = child;
        }
        // Then move: each child on the path goes up to its parent.
        int hole = 0;
        for (int i = 0; i < depth; i++) {
            int child = path[i];
            items[hole] = items[child];
            seqs[hole] = seqs[child];
            hole = child;
        }
        items[hole] = moved;
        seqs[hole] = movedSeq;
        items[last] = null;
        size = last;
        return first;
    }

    @Override
    @SuppressWarnings("unchecked")
    void drainTo(List<T> out) {
        try {
            while (size > 0) {
                out.add(dequeue());
            }
        } catch (RuntimeException comparatorFailed) {
            // cancel() must return every item, not fail half-way: the failed dequeue left the heap as it
            // was, so hand out the rest in the order they were sent.
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            long[] seqs = this.seqs;
            Arrays.sort(order, (x, y) -> Long.compare(seqs[x], seqs[y]));
            for (int i : order) {
                out.add((T) items[i]);
            }
            Arrays.fill(items, 0, size, null);
            size = 0;
        }
    }

    private void grow() {
        int length = items.length;
        if (length >= Math.min(capacity, MAX_LENGTH)) {
            throw new OutOfMemoryError("channel buffer cannot grow past " + length + " items");
        }
        int newLength = (int) Math.min(MAX_LENGTH, 2L * length);
        items = Arrays.copyOf(items, newLength);
        seqs = Arrays.copyOf(seqs, newLength);
    }
}
