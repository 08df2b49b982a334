package io.tandem.channel;

import io.tandem.channel.BufferedChannel;
import io.tandem.channel.RendezvousChannel;
import io.tandem.channel.Channel;
import io.tandem.channel.ClosedChannelException;

import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * What every channel kind shares: the receive-or-end primitive {@link #take} that {@code receive}, the
 * timed {@code poll} and iteration are built on, argument checks and the exceptions' messages.
 * Thread safety is the subclasses' (see {@link Channel}).
 */
abstract sealed class AbstractChannel<T> implements Channel<T> permits BufferedChannel, RendezvousChannel {

    AbstractChannel() {
    }

    /**
     * Takes the next item, waiting at most {@code nanos} if {@code timed}, else until one arrives.
     *
     * @return the item, or {@code null} on timeout or when closed and drained
     */
    abstract T take(boolean timed, long nanos) throws InterruptedException;

    @Override
    public final T receive() throws InterruptedException {
        T item = take(false, 0L);
        if (item == null) {
            throw closedForReceive();
        }
        return item;
    }

    @Override
    public final T poll(Duration timeout) throws InterruptedException {
        return take(true, nanos(timeout));
    }

    @Override
    public final Iterator<T> iterator() {
        return new Receiving();
    }

    @Override
    public final Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    static <T> T requireItem(T item) {
        return Objects.requireNonNull(item, "item must not be null: a channel uses null to mean \"no item\"");
    }

    /** The timeout in nanoseconds, saturated at {@link Long#MAX_VALUE} (about 292 years). */
    static long nanos(Duration timeout) {
        return TimeUnit.NANOSECONDS.convert(Objects.requireNonNull(timeout, "timeout must not be null"));
    }

    final ClosedChannelException closedForSend() {
        return new ClosedChannelException("channel is closed: no more items are accepted (" + this + ")");
    }

    final ClosedChannelException closedForReceive() {
        return new ClosedChannelException("channel is closed and drained: no more items will arrive (" + this + ")");
    }

    static IllegalStateException tooManyTaskDone(Channel<?> channel) {
        return new IllegalStateException("taskDone() called more times than items were sent (" + channel + ")");
    }

    /** Receives on {@code hasNext()}; {@code next()} hands out what {@code hasNext()} received. */
    private final class Receiving implements Iterator<T> {
        private T next;

        @Override
        public boolean hasNext() {
            if (next != null) {
                return true;
            }
            try {
                next = take(false, 0L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                CancellationException ce = new CancellationException("interrupted while waiting for the next item of "
                        + AbstractChannel.this + "; the interrupt flag is set again");
                ce.initCause(e);
                throw ce;
            }
            return next != null;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException("channel is closed and drained (" + AbstractChannel.this + ")");
            }
            T item = next;
            next = null;
            return item;
        }
    }
}
