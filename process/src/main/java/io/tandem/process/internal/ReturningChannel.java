package io.tandem.process.internal;

import io.tandem.channel.Channel;
import io.tandem.channel.ClosedChannelException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/*
 * The channel of a ProcessChannel in its own process: the user's channel, plus a way to put back items that
 * a worker had taken in a batch but did not hand out (it gave them back, or it died; see Loans).
 *
 * Put back into an open channel, an item is simply sent again, at the end (a priority channel sorts it in)
 * and then marked done once, so it is counted once by taskDone/awaitDone as before; what does not fit
 * at once waits for room on a virtual thread. A send cannot wake a
 * receiver that waits here any other way, and a channel with a waiting receiver is empty, so the end is
 * also the front then. A closed channel accepts nothing; items given back to it wait in `returned`, which
 * every receive here serves first: iteration does not end, isClosedForReceive is false and size counts them
 * until they are taken. No receiver can wait forever for them: a closed channel wakes every waiter, and
 * each one looks at `returned` before it reports the channel drained. After cancel() items given back are
 * dropped (and marked done), as cancel drops what the channel held.
 *
 * Thread-safe: everything is either the user's channel (thread-safe) or the concurrent deque.
 */
final class ReturningChannel implements Channel<Object> {
    private final Channel<Object> channel;
    private final ConcurrentLinkedDeque<Object> returned = new ConcurrentLinkedDeque<>();
    private volatile boolean cancelled;

    ReturningChannel(Channel<Object> channel) {
        this.channel = channel;
    }

    /**
     * Puts {@code items} back, in their order: sent again while the channel is open, kept for receivers once
     * it is closed. What fits goes back before this returns; if the channel fills up, the rest waits for
     * room on its own virtual thread.
     */
    void putBack(List<Object> items) {
        int i = 0;
        while (i < items.size()) {
            if (cancelled) {
                items.subList(i, items.size()).forEach(dropped -> markDone());
                return;
            }
            if (channel.trySend(items.get(i))) {
                markDone(); // its first send is still counted as unfinished
                i++;
            } else if (channel.isClosed()) {
                keep(items.subList(i, items.size()));
                return;
            } else {
                break; // full
            }
        }
        if (i < items.size()) {
            List<Object> rest = new ArrayList<>(items.subList(i, items.size()));
            Thread.ofVirtual().name("tandem-channel-put-back").start(() -> sendBack(rest));
        }
    }

    private void sendBack(List<Object> items) {
        for (int i = 0; i < items.size(); i++) {
            if (cancelled) {
                items.subList(i, items.size()).forEach(dropped -> markDone());
                return;
            }
            try {
                channel.send(items.get(i));
                markDone();
            } catch (ClosedChannelException closed) {
                keep(items.subList(i, items.size()));
                return;
            } catch (InterruptedException e) {
                keep(items.subList(i, items.size())); // nobody interrupts this thread; keep them anyway
                return;
            }
        }
    }

    private void keep(List<Object> items) {
        if (cancelled) {
            items.forEach(dropped -> markDone());
        } else {
            returned.addAll(items);
        }
    }

    private void markDone() {
        try {
            channel.taskDone();
        } catch (IllegalStateException alreadyBalanced) {
            // the count was already settled (for example by cancel); nothing to undo
        }
    }

    @Override
    public void send(Object item) throws InterruptedException {
        channel.send(item);
    }

    @Override
    public boolean send(Object item, Duration timeout) throws InterruptedException {
        return channel.send(item, timeout);
    }

    @Override
    public boolean trySend(Object item) {
        return channel.trySend(item);
    }

    @Override
    public Object receive() throws InterruptedException {
        Object r = returned.poll();
        if (r != null) {
            return r;
        }
        try {
            return channel.receive();
        } catch (ClosedChannelException drained) {
            Object late = returned.poll();
            if (late != null) {
                return late;
            }
            throw drained;
        }
    }

    @Override
    public Object poll() {
        Object r = returned.poll();
        return r != null ? r : channel.poll();
    }

    @Override
    public Object poll(Duration timeout) throws InterruptedException {
        Object r = returned.poll();
        if (r != null) {
            return r;
        }
        r = channel.poll(timeout);
        return r != null ? r : returned.poll();
    }

    @Override
    public void close() {
        channel.close();
    }

    @Override
    public List<Object> cancel() {
        cancelled = true;
        List<Object> out = new ArrayList<>();
        Object r;
        while ((r = returned.poll()) != null) {
            out.add(r);
            markDone();
        }
        out.addAll(channel.cancel());
        return out;
    }

    @Override
    public boolean isClosed() {
        return channel.isClosed();
    }

    @Override
    public boolean isClosedForReceive() {
        return channel.isClosedForReceive() && returned.isEmpty();
    }

    @Override
    public int size() {
        return channel.size() + returned.size();
    }

    @Override
    public int capacity() {
        return channel.capacity();
    }

    @Override
    public void taskDone() {
        channel.taskDone();
    }

    @Override
    public void awaitDone() throws InterruptedException {
        channel.awaitDone();
    }

    @Override
    public boolean awaitDone(Duration timeout) throws InterruptedException {
        return channel.awaitDone(timeout);
    }

    @Override
    public Iterator<Object> iterator() {
        return new Receiving();
    }

    @Override
    public Stream<Object> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    @Override
    public String toString() {
        int back = returned.size();
        return back == 0 ? channel.toString() : channel + " (+" + back + " items given back after close)";
    }

    /** Receives on {@code hasNext()}; ends at {@link ClosedChannelException}, which means closed and drained. */
    private final class Receiving implements Iterator<Object> {
        private Object next;

        @Override
        public boolean hasNext() {
            if (next != null) {
                return true;
            }
            try {
                next = receive();
                return true;
            } catch (ClosedChannelException end) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                CancellationException ce = new CancellationException("interrupted while waiting for the next item of "
                        + ReturningChannel.this + "; the interrupt flag is set again");
                ce.initCause(e);
                throw ce;
            }
        }

        @Override
        public Object next() {
            if (!hasNext()) {
                throw new NoSuchElementException("channel is closed and drained: " + ReturningChannel.this);
            }
            Object item = next;
            next = null;
            return item;
        }
    }
}
