package io.tandem.channel;

import io.tandem.channel.AbstractChannel;
import io.tandem.channel.PriorityChannel;
import io.tandem.channel.RingChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/*
 * The engine of every channel with a buffer: one ReentrantLock guards the buffer, the count, the closed
 * flag and the unfinished-task count, with three conditions (notEmpty for receivers, notFull for senders,
 * allDone for awaitDone), as in ArrayBlockingQueue. One lock is as fast as two for a hand-off between a
 * producer and a consumer (both touch the same cache lines either way) and makes close, cancel and
 * taskDone atomic with respect to every send and receive, which is what makes them easy to reason about:
 *
 *  - close sets `closed` and wakes every waiter; a sender re-checks `closed` before it checks for space,
 *    so a sender blocked at the time of the close throws, never sends later;
 *  - a receiver takes an item while there is one, whether closed or not, and ends (null) only when the
 *    buffer is empty and `closed` is set, so nothing sent successfully is lost;
 *  - a waiter that is signalled and interrupted at the same time is not lost: AQS conditions return
 *    normally (with the interrupt flag set) when the signal came first, and the loop re-checks the state.
 *
 * Subclasses only keep items in order (a ring or a heap); they are called with the lock held and must
 * leave the buffer unchanged if they throw.
 */
abstract sealed class BufferedChannel<T> extends AbstractChannel<T> permits RingChannel, PriorityChannel {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final Condition allDone = lock.newCondition();
    private final int capacity;
    private final String kind;
    /** Items in the buffer; guarded by lock. */
    private int count;
    /** Items sent and not yet marked by taskDone; guarded by lock. */
    private long unfinished;
    /** Written under lock; volatile so that isClosed needs no lock. */
    private volatile boolean closed;

    BufferedChannel(int capacity, String kind) {
        this.capacity = capacity;
        this.kind = kind;
    }

    /** Adds {@code item}; called with the lock held and room for it. */
    abstract void enqueue(T item);

    /** Removes and returns the next item; called with the lock held and at least one item. */
    abstract T dequeue();

    /** Removes every item into {@code out} in receive order; called with the lock held. */
    abstract void drainTo(List<T> out);

    @Override
    public final void send(T item) throws InterruptedException {
        requireItem(item);
        ReentrantLock lock = this.lock;
        lock.lockInterruptibly();
        try {
            while (true) {
                if (closed) {
                    throw closedForSend();
                }
                if (count < capacity) {
                    break;
                }
                notFull.await();
            }
            add(item);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public final boolean send(T item, Duration timeout) throws InterruptedException {
        requireItem(item);
        long nanos = nanos(timeout);
        ReentrantLock lock = this.lock;
        lock.lockInterruptibly();
        try {
            while (true) {
                if (closed) {
                    throw closedForSend();
                }
                if (count < capacity) {
                    break;
                }
                if (nanos <= 0L) {
                    return false;
                }
                nanos = notFull.awaitNanos(nanos);
            }
            add(item);
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public final boolean trySend(T item) {
        requireItem(item);
        ReentrantLock lock = this.lock;
        lock.lock();
        try {
            if (closed || count >= capacity) {
                return false;
            }
            add(item);
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void add(T item) {
        enqueue(item); // first: it may throw (a comparator), and then nothing has changed
        count++;
        unfinished++;
        notEmpty.signal();
    }

    @Override
    final T take(boolean timed, long nanos) throws InterruptedException {
        ReentrantLock lock = this.lock;
        lock.lockInterruptibly();
        try {
            while (count == 0) {
                if (closed) {
                    return null;
                }
                if (!timed) {
                    notEmpty.await();
                } else if (nanos <= 0L) {
                    return null;
                } else {
                    nanos = notEmpty.awaitNanos(nanos);
                }
            }
            return remove();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public final T poll() {
        ReentrantLock lock = this.lock;
        lock.lock();
        try {
            return count == 0 ? null : remove();
        } finally {
            lock.unlock();
        }
    }

    private T remove() {
        T item = dequeue();
        count--;
        notFull.signal();
        return item;
    }

    @Override
    public final void close() {
        ReentrantLock lock = this.lock;
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                notFull.signalAll();
                notEmpty.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public final List<T> cancel() {
        ReentrantLock lock = this.lock;
        lock.lock();
        try {
            List<T> removed = new ArrayList<>(count);
            drainTo(removed);
            count = 0;
            closed = true;
            notFull.signalAll();
            notEmpty.signalAll();
            // taskDone may have been called ahead of receives, so never go below zero.
            unfinished = Math.max(0L, unfinished - removed.size());
            if (unfinished == 0L) {
                allDone.signalAll();
            }
            return removed;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public final boolean isClosed() {
        return closed;
    }

    @Override
    public final boolean isClosedForReceive() {
        ReentrantLock lock = this.lock;
        lock.lock();
        try {
            return closed && count == 0;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public final int size() {
        ReentrantLock lock = this.lock;
        lock.lock();
        try {
            return count;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public final int capacity() {
        return capacity;
    }

    @Override
    public final void taskDone() {
        ReentrantLock lock = this.lock;
        lock.lock();
        try {
            if (unfinished <= 0L) {
                throw tooManyTaskDone(this);
            }
            if (--unfinished == 0L) {
                allDone.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public final void awaitDone() throws InterruptedException {
        ReentrantLock lock = this.lock;
        lock.lockInterruptibly();
        try {
            while (unfinished > 0L) {
                allDone.await();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public final boolean awaitDone(Duration timeout) throws InterruptedException {
        long nanos = nanos(timeout);
        ReentrantLock lock = this.lock;
        lock.lockInterruptibly();
        try {
            while (unfinished > 0L) {
                if (nanos <= 0L) {
                    return false;
                }
                nanos = allDone.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public final String toString() {
        ReentrantLock lock = this.lock;
        lock.lock();
        try {
            return "Channel[" + kind + ", size=" + count
                    + (capacity == Integer.MAX_VALUE ? "" : ", capacity=" + capacity)
                    + ", unfinished=" + unfinished + (closed ? ", closed]" : ", open]");
        } finally {
            lock.unlock();
        }
    }
}
