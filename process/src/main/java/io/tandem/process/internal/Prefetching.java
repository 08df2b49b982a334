package io.tandem.process.internal;

import io.tandem.channel.ClosedChannelException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;

/*
 * Worker side: iteration over a parent's channel, a batch at a time. hasNext() with nothing left asks the
 * parent for up to BATCH items (RECEIVE_BATCH: it waits for the first one like receive(), then takes what
 * is already there), and next() hands them out one by one. The first request asks for FIRST_BATCH; each
 * later one for as many as about BATCH_BYTES hold at the size the last batch's items had, so large items
 * come a few at a time. Only iteration prefetches: receive() and poll()
 * take exactly one item each, so their contract (what an interrupt or a timeout leaves in the channel)
 * stays exact, and an iterating consumer is the one that will go on to take the items anyway.
 *
 * The parent lends the batch to this iterator (Loans). It is settled when the iterator asks again or ends;
 * at the end of the task (WorkerChannels.settle) an iterator that still holds items gives back the ones it
 * did not hand out, which the parent puts back into the channel; if the worker dies, the parent puts back
 * the whole batch (the items handed out since the last request may then be delivered twice).
 *
 * One thread iterates, as with any iterator; the end of the task may give back from another thread, so
 * the buffer is guarded by this object's lock (never held while waiting for the parent).
 */
final class Prefetching implements Iterator<Object> {
    static final int BATCH = 2048;
    static final int FIRST_BATCH = 16;
    static final int BATCH_BYTES = 1 << 20;
    private static final AtomicLong KEYS = new AtomicLong();

    private final RemoteChannel remote;
    private final long key = KEYS.incrementAndGet();
    private List<Object> batch = List.of();
    private int handedOut;
    private boolean lent;
    private boolean ended;
    private int ask = FIRST_BATCH;

    Prefetching(RemoteChannel remote) {
        this.remote = remote;
    }

    @Override
    public boolean hasNext() {
        synchronized (this) {
            if (handedOut < batch.size()) {
                return true;
            }
            if (ended) {
                return false;
            }
        }
        List<Object> got;
        try {
            RemoteChannel.Sized reply = remote.receiveBatch(key, ask);
            @SuppressWarnings("unchecked")
            List<Object> items = (List<Object>) reply.value();
            got = items;
            ask = (int) Math.max(1, Math.min(BATCH, (long) BATCH_BYTES * got.size() / Math.max(1, reply.bytes())));
        } catch (ClosedChannelException end) {
            synchronized (this) {
                ended = true;
                lent = false; // the parent settled the loan when it was asked
                batch = List.of();
                handedOut = 0;
            }
            WorkerChannels.settled(this);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            CancellationException ce = new CancellationException("interrupted while waiting for the next item of "
                    + remote.describeBriefly() + "; the interrupt flag is set again");
            ce.initCause(e);
            throw ce;
        }
        synchronized (this) {
            batch = got instanceof ArrayList<Object> mutable ? mutable : new ArrayList<>(got);
            handedOut = 0;
            lent = true;
        }
        WorkerChannels.lending(this);
        return true;
    }

    @Override
    public Object next() {
        if (!hasNext()) {
            throw new NoSuchElementException(remote.describeBriefly() + " is closed and drained");
        }
        synchronized (this) {
            Object item = batch.get(handedOut);
            batch.set(handedOut++, null); // the caller owns it now; let it go when the caller does
            return item;
        }
    }

    /** End of the task: tells the parent how much of the batch was handed out; it puts the rest back. */
    void giveBack() {
        int handed;
        synchronized (this) {
            if (!lent) {
                return;
            }
            handed = handedOut;
            lent = false;
            batch = List.of();
            handedOut = 0;
        }
        remote.giveBack(key, handed);
    }
}
