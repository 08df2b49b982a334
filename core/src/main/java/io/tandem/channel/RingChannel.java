package io.tandem.channel;

import io.tandem.channel.BufferedChannel;
import java.util.List;

/**
 * The FIFO channels, bounded and unbounded: a circular array that grows (doubling) up to the capacity,
 * so a large or unbounded capacity costs memory only as items arrive. Guarded by the engine's lock.
 */
final class RingChannel<T> extends BufferedChannel<T> {
    /** Bounded channels up to this size allocate their whole ring at once, as ArrayBlockingQueue does. */
    private static final int PREALLOCATE = 1024;
    private static final int MIN_LENGTH = 16;
    private static final int MAX_LENGTH = Integer.MAX_VALUE - 8;

    private final int capacity;
    private Object[] items;
    /** Index of the next item to receive. */
    private int head;
    /** Index of the next free slot. */
    private int tail;
    private int size;

    public RingChannel(int capacity, String kind) {
        super(capacity, kind);
        this.capacity = capacity;
        this.items = new Object[capacity <= PREALLOCATE ? capacity : MIN_LENGTH];
    }

    @Override
    void enqueue(T item) {
        Object[] items = this.items;
        if (size == items.length) {
            items = grow();
        }
        items[tail] = item;
        if (++tail == items.length) {
            tail = 0;
        }
        size++;
    }

    @Override
    @SuppressWarnings("unchecked")
    T dequeue() {
        Object[] items = this.items;
        T item = (T) items[head];
        items[head] = null;
        if (++head == items.length) {
            head = 0;
        }
        size--;
        return item;
    }

    @Override
    void drainTo(List<T> out) {
        while (size > 0) {
            out.add(dequeue());
        }
        head = 0;
        tail = 0;
    }

    private Object[] grow() {
        int length = items.length;
        if (length >= Math.min(capacity, MAX_LENGTH)) {
            throw new OutOfMemoryError("channel buffer cannot grow past " + length + " items");
        }
        int newLength = (int) Math.min(Math.min((long) capacity, MAX_LENGTH), Math.max(MIN_LENGTH, 2L * length));
        Object[] grown = new Object[newLength];
        // The ring is full, so head == tail: the items run from head to the end, then from 0 to head.
        int firstPart = length - head;
        System.arraycopy(items, head, grown, 0, firstPart);
        System.arraycopy(items, 0, grown, firstPart, head);
        head = 0;
        tail = length;
        items = grown;
        return grown;
    }
}
