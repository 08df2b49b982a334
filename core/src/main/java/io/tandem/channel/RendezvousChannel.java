package io.tandem.channel;

import io.tandem.channel.AbstractChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/*
 * The channel without a buffer. A thread that finds no partner queues a Waiter (its own hand-off slot)
 * and parks; the partner that arrives later completes the Waiter under the lock and unparks it:
 *
 *   - a sender that finds a waiting receiver writes the item into the receiver's Waiter, sets its state
 *     to MATCHED (volatile: the item is published by that write) and is done; the send happened;
 *   - a receiver that finds a waiting sender takes the item from the sender's Waiter and sets it MATCHED;
 *   - close completes every queued Waiter as CLOSED: senders throw, receivers see the end;
 *   - a waiter that times out or is interrupted takes the lock and withdraws only if still WAITING.
 *     If a partner matched it first, the exchange stands: a sender returns normally (the item was
 *     received) and a receiver returns its item, with the interrupt flag set again, as SynchronousQueue
 *     does. So an item is either received or its send fails, never both, never neither.
 *
 * Queues hold only WAITING Waiters: every state change away from WAITING happens under the lock and
 * removes the Waiter from its queue at the same time.
 */
final class RendezvousChannel<T> extends AbstractChannel<T> {
    private static final int WAITING = 0;
    private static final int MATCHED = 1;
    private static final int CLOSED = 2;
    private static final int WITHDRAWN = 3;

    private static final class Waiter {
        final Thread thread = Thread.currentThread();
        /** A sender's item, or the item handed to a receiver; published by the write to state. */
        Object item;
        volatile int state = WAITING;

        Waiter(Object item) {
            this.item = item;
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition allDone = lock.newCondition();
    /** Guarded by lock. */
    private final ArrayDeque<Waiter> senders = new ArrayDeque<>();
    /** Guarded by lock. */
    private final ArrayDeque<Waiter> receivers = new ArrayDeque<>();
    /** Guarded by lock. */
    private long unfinished;
    /** Written under lock; volatile so that isClosed needs no lock. */
    private volatile boolean closed;

    public RendezvousChannel() {
    }

    @Override
    public void send(T item) throws InterruptedException {
        put(requireItem(item), false, 0L);
    }

    @Override
    public boolean send(T item, Duration timeout) throws InterruptedException {
        requireItem(item);
        return put(item, true, nanos(timeout));
    }

    @Override
    public boolean trySend(T item) {
        requireItem(item);
        Waiter receiver;
        lock.lock();
        try {
            if (closed || (receiver = receivers.pollFirst()) == null) {
                return false;
            }
            handTo(receiver, item);
        } finally {
            lock.unlock();
        }
        LockSupport.unpark(receiver.thread);
        return true;
    }

    private boolean put(T item, boolean timed, long nanos) throws InterruptedException {
        Waiter receiver;
        Waiter self;
        lock.lockInterruptibly();
        try {
            if (closed) {
                throw closedForSend();
            }
            receiver = receivers.pollFirst();
            if (receiver != null) {
                handTo(receiver, item);
                self = null;
            } else if (timed && nanos <= 0L) {
                return false;
            } else {
                self = new Waiter(item);
                senders.addLast(self);
            }
        } finally {
            lock.unlock();
        }
        if (self == null) {
            LockSupport.unpark(receiver.thread);
            return true;
        }
        return switch (await(self, senders, timed, nanos)) {
            case MATCHED -> true;
            case CLOSED -> throw closedForSend();
            default -> false; // WITHDRAWN: timed out
        };
    }

    /** With the lock held: gives {@code item} to a waiting receiver (unpark it after unlocking). */
    private void handTo(Waiter receiver, Object item) {
        receiver.item = item;
        unfinished++;
        receiver.state = MATCHED;
    }

    @Override
    T take(boolean timed, long nanos) throws InterruptedException {
        Waiter sender;
        Waiter self;
        lock.lockInterruptibly();
        try {
            sender = senders.pollFirst();
            if (sender != null) {
                self = null;
            } else if (closed || timed && nanos <= 0L) {
                return null;
            } else {
                self = new Waiter(null);
                receivers.addLast(self);
            }
            if (sender != null) {
                unfinished++;
                sender.state = MATCHED;
            }
        } finally {
            lock.unlock();
        }
        if (self == null) {
            LockSupport.unpark(sender.thread);
            return item(sender);
        }
        return await(self, receivers, timed, nanos) == MATCHED ? item(self) : null;
    }

    @Override
    public T poll() {
        Waiter sender;
        lock.lock();
        try {
            if ((sender = senders.pollFirst()) == null) {
                return null;
            }
            unfinished++;
            sender.state = MATCHED;
        } finally {
            lock.unlock();
        }
        LockSupport.unpark(sender.thread);
        return item(sender);
    }

    @SuppressWarnings("unchecked")
    private T item(Waiter matched) {
        return (T) matched.item;
    }

    /**
     * Parks until {@code self} leaves WAITING, or withdraws it on timeout or interrupt.
     *
     * @return the final state: MATCHED, CLOSED or WITHDRAWN (timed out)
     * @throws InterruptedException if interrupted while still WAITING (then withdrawn)
     */
    private int await(Waiter self, ArrayDeque<Waiter> queue, boolean timed, long nanos) throws InterruptedException {
        long deadline = timed ? System.nanoTime() + nanos : 0L;
        while (true) {
            int state = self.state;
            if (state != WAITING) {
                return state;
            }
            boolean interrupted = Thread.interrupted();
            long left = timed ? deadline - System.nanoTime() : 1L;
            if (interrupted || left <= 0L) {
                lock.lock();
                try {
                    if (self.state == WAITING) {
                        queue.remove(self);
                        self.state = WITHDRAWN;
                        if (interrupted) {
                            throw new InterruptedException();
                        }
                        return WITHDRAWN;
                    }
                } finally {
                    lock.unlock();
                }
                if (interrupted) { // matched or closed first: that stands; keep the interrupt for later
                    Thread.currentThread().interrupt();
                }
                return self.state;
            }
            if (timed) {
                LockSupport.parkNanos(this, left);
            } else {
                LockSupport.park(this);
            }
        }
    }

    @Override
    public void close() {
        List<Waiter> woken = new ArrayList<>();
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (Waiter w; (w = senders.pollFirst()) != null; ) {
                w.state = CLOSED;
                woken.add(w);
            }
            for (Waiter w; (w = receivers.pollFirst()) != null; ) {
                w.state = CLOSED;
                woken.add(w);
            }
        } finally {
            lock.unlock();
        }
        for (Waiter w : woken) {
            LockSupport.unpark(w.thread);
        }
    }

    /** Closes; there is never a buffered item to remove, so the list is always empty. */
    @Override
    public List<T> cancel() {
        close();
        return new ArrayList<>(0);
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public boolean isClosedForReceive() {
        return closed;
    }

    @Override
    public int size() {
        return 0;
    }

    @Override
    public int capacity() {
        return 0;
    }

    @Override
    public void taskDone() {
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
    public void awaitDone() throws InterruptedException {
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
    public boolean awaitDone(Duration timeout) throws InterruptedException {
        long nanos = nanos(timeout);
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
    public String toString() {
        lock.lock();
        try {
            return "Channel[rendezvous, waiting senders=" + senders.size() + ", waiting receivers=" + receivers.size()
                    + ", unfinished=" + unfinished + (closed ? ", closed]" : ", open]");
        } finally {
            lock.unlock();
        }
    }
}
