package io.tandem.process.internal;

import io.tandem.channel.ClosedChannelException;

import java.util.ArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/*
 * Worker side: the items that send() calls of one RemoteChannel accepted but the parent has not yet
 * confirmed, so a producer pays one round trip per batch instead of one per item.
 *
 * Credits. The window holds at most min(WINDOW, free, BATCH_BYTES / the last batch's bytes per item) items, pending (not yet shipped) and in flight (one
 * SEND_BATCH at a time, which also keeps batches in order), where `free` is the channel's free space as the
 * parent last reported it (every batch's reply carries it; unbounded channels report Integer.MAX_VALUE). A
 * send that finds room returns at once. A send that finds the window full waits for the batch in flight,
 * interruptibly, its item not sent. A send that finds no credit and nothing outstanding (the channel full,
 * or not heard of yet, or a rendezvous channel, whose free space is always 0) is sent on its own and waits
 * like a send in one process: back-pressure, interrupts and close wake it exactly as there. The parent
 * sends each item of a batch with a blocking send, so its channel never holds more than its capacity;
 * what another producer took meanwhile only delays the batch. In flight per window: at most WINDOW items,
 * and about BATCH_BYTES once a batch has shown how large the items are.
 *
 * When a batch leaves: at once if EAGER items wait and none is in flight; when the batch in flight is
 * confirmed; when a caller must wait (full window, or any other operation on the channel, see
 * RemoteChannel); and after LINGER otherwise (WorkerChannels' linger thread), so a slow producer's items
 * are not held back.
 *
 * Refusals. If the parent refuses a batch (the channel was closed, or discarded), the window remembers it
 * and the next send, flush or close of this handle throws it, or else the end of the task; the exception
 * says how many items were refused. Thread-safe: state under `lock`; encoding and writing happen outside it.
 */
final class SendWindow {
    static final int WINDOW = 4096;
    static final int EAGER = 64;
    static final int BATCH_BYTES = 1 << 20;

    private final RemoteChannel remote;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition confirmed = lock.newCondition();
    private ArrayList<Object> pending = new ArrayList<>();
    private int inFlight;
    private long free;
    private boolean closed;
    private boolean lingering;
    private volatile int itemBytes = 1; // encoded size of an item in the last batch
    private RuntimeException refused;
    private int refusedItems;

    SendWindow(RemoteChannel remote) {
        this.remote = remote;
    }

    /**
     * Takes {@code item} into the window (true), or says the caller must send it alone and wait (false).
     * Waits, interruptibly, while the window is full; throws an earlier refusal before taking anything.
     */
    boolean offer(Object item) throws InterruptedException {
        while (true) {
            ArrayList<Object> ship = null;
            lock.lockInterruptibly();
            try {
                throwRefused();
                if (closed) {
                    return false;
                }
                int outstanding = pending.size() + inFlight;
                if (outstanding < limit()) {
                    pending.add(item);
                    if (pending.size() == 1) {
                        WorkerChannels.sending(this);
                    }
                    if (inFlight == 0) {
                        if (pending.size() >= EAGER) {
                            ship = takeBatch();
                        } else if (!lingering) {
                            lingering = true;
                            WorkerChannels.linger(this);
                        }
                    }
                    return true;
                }
                if (outstanding == 0) {
                    return false;
                }
                if (inFlight == 0) {
                    ship = takeBatch();
                } else {
                    confirmed.await();
                }
            } finally {
                lock.unlock();
                ship(ship);
            }
        }
    }

    /**
     * Waits until every item taken is confirmed by the parent. Interruptibly if asked (then throws
     * {@link InterruptedException}); with a deadline ({@link System#nanoTime}) if {@code timed}, returning
     * false when it passes.
     */
    boolean drain(boolean interruptible, boolean timed, long deadline) throws InterruptedException {
        while (true) {
            ArrayList<Object> ship = null;
            lock.lock();
            try {
                if (pending.isEmpty() && inFlight == 0) {
                    return true;
                }
                if (inFlight == 0) {
                    ship = takeBatch();
                } else if (timed) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    confirmed.awaitNanos(left);
                } else if (interruptible) {
                    confirmed.await();
                } else {
                    confirmed.awaitUninterruptibly();
                }
            } finally {
                lock.unlock();
                ship(ship);
            }
        }
    }

    /** Ships what waits unless a batch is in flight (whose confirmation ships the rest); never waits. */
    void push() {
        ArrayList<Object> ship = null;
        lock.lock();
        try {
            if (inFlight == 0 && !pending.isEmpty()) {
                ship = takeBatch();
            }
        } finally {
            lock.unlock();
            ship(ship);
        }
    }

    /** The linger time of the first item waiting is over. */
    void lingerOver() {
        lock.lock();
        try {
            lingering = false;
        } finally {
            lock.unlock();
        }
        push();
    }

    /** An earlier refusal, once: thrown by the next send, flush or close. */
    void throwRefused() {
        RuntimeException e = takeRefused();
        if (e != null) {
            throw e;
        }
    }

    /** An earlier refusal not yet reported (and now reported), or null. */
    RuntimeException takeRefused() {
        lock.lock();
        try {
            RuntimeException e = refused;
            if (e == null) {
                return null;
            }
            String what = refusedItems + " item(s) that this worker sent earlier did not reach " + remote.describeBriefly()
                    + ": " + e.getMessage();
            RuntimeException report = e instanceof ClosedChannelException ? new ClosedChannelException(what)
                    : new IllegalStateException(what);
            report.initCause(e);
            refused = null;
            refusedItems = 0;
            return report;
        } finally {
            lock.unlock();
        }
    }

    /** What a send of one item told: the channel's free space afterwards. */
    void learnFree(int freeNow) {
        lock.lock();
        try {
            free = freeNow;
        } finally {
            lock.unlock();
        }
    }

    /** A trySend or timed send put one item in (one credit fewer) or found the channel full. */
    void learnSent(boolean sent) {
        lock.lock();
        try {
            free = sent ? Math.max(0, free - 1) : 0;
        } finally {
            lock.unlock();
        }
    }

    /** The channel is known to be closed: sends go one by one and fail as they do in the parent. */
    void learnClosed() {
        lock.lock();
        try {
            closed = true;
        } finally {
            lock.unlock();
        }
    }

    /** How many items may be outstanding: the credit, and about {@link #BATCH_BYTES} of encoded items. */
    private long limit() {
        return Math.min(Math.min(WINDOW, free), Math.max(1, BATCH_BYTES / itemBytes));
    }

    private ArrayList<Object> takeBatch() {
        ArrayList<Object> batch = pending;
        pending = new ArrayList<>(Math.min(WINDOW, batch.size() * 2));
        inFlight = batch.size();
        return batch;
    }

    private void ship(ArrayList<Object> batch) {
        if (batch == null) {
            return;
        }
        byte[] payload;
        try {
            payload = remote.encodeBatch(batch);
        } catch (RuntimeException | Error e) {
            confirm(batch.size(), null, e); // could not even be encoded: refused here
            return;
        }
        itemBytes = Math.max(1, payload.length / batch.size()); // racy on purpose: an estimate
        remote.sendEncoded(payload).whenComplete((bytes, failure) -> confirm(batch.size(), bytes, failure));
    }

    private void confirm(int items, byte[] reply, Throwable failure) {
        ArrayList<Object> next = null;
        lock.lock();
        try {
            inFlight = 0;
            try {
                if (failure != null) {
                    throw failure;
                }
                free = (Integer) remote.decodeReply(reply);
            } catch (ClosedChannelException e) {
                closed = true;
                refuse(e, items);
            } catch (RuntimeException e) {
                refuse(e, items);
            } catch (Throwable e) {
                refuse(new IllegalStateException(e), items);
            }
            if (!pending.isEmpty()) {
                next = takeBatch();
            }
            confirmed.signalAll();
        } finally {
            lock.unlock();
        }
        ship(next);
    }

    private void refuse(RuntimeException e, int items) {
        if (refused == null) {
            refused = e;
        }
        refusedItems += items;
    }

    static long deadline(long timeoutNanos) {
        long now = System.nanoTime();
        return timeoutNanos >= Long.MAX_VALUE - now ? Long.MAX_VALUE : now + timeoutNanos;
    }
}
