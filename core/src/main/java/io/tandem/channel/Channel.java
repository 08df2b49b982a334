package io.tandem.channel;

import io.tandem.channel.ClosedChannelException;
import io.tandem.channel.AbstractChannel;
import io.tandem.channel.PriorityChannel;
import io.tandem.channel.RendezvousChannel;
import io.tandem.channel.RingChannel;

import java.time.Duration;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

/**
 * A queue that threads (platform or virtual) hand items through: Python's {@code queue.Queue},
 * {@code asyncio.Queue} and {@code queue.PriorityQueue} in one type, with a proper end of stream
 * ({@link #close()}) instead of a poison pill. Create one with a static factory:
 * <ul>
 *   <li>{@link #bounded(int)}: FIFO with at most {@code capacity} buffered items; senders block while it is full;
 *   <li>{@link #unbounded()}: FIFO that never blocks senders;
 *   <li>{@link #rendezvous()}: no buffer; {@link #send} waits until a receiver takes the item;
 *   <li>{@link #priority()}, {@link #priority(Comparator)}, {@link #priority(int, Comparator)}: the least
 *       item first (items that compare equal leave in the order they were sent), unbounded or bounded.
 * </ul>
 *
 * {@snippet :
 * Channel<Job> jobs = Channel.bounded(100);
 * Thread producer = Thread.ofVirtual().start(() -> {
 *     try (jobs) {                      // close() when done: the consumers' loops end, no poison pill
 *         for (Job job : source) {
 *             jobs.send(job);           // blocks while 100 jobs wait
 *         }
 *     } catch (InterruptedException e) {
 *         Thread.currentThread().interrupt();
 *     }
 * });
 * for (Job job : jobs) {                // blocks for the next job; ends once closed and drained
 *     process(job);
 * }
 * }
 *
 * <h2>Thread safety</h2>
 * Every method may be called from any number of threads at once: any number of senders and receivers.
 * Each item is received exactly once, by one receiver. Items from one sender are received in the order
 * sent (FIFO kinds); a priority channel hands out the least buffered item.
 *
 * <h2>Memory consistency effects</h2>
 * Actions in a thread prior to sending an item ({@link #send}, {@link #trySend}) happen-before actions
 * subsequent to the receipt of that item ({@link #receive}, {@link #poll}, iteration) in another thread.
 * Actions prior to {@link #close()} happen-before a receiver observes the channel as closed;
 * actions prior to {@link #taskDone()} happen-before {@link #awaitDone()} returns.
 *
 * <h2>Blocking and interruption</h2>
 * {@link #send(Object)}, {@link #receive()}, the timed variants and {@link #awaitDone()} block, and
 * throw {@link InterruptedException} if the calling thread is interrupted before or while waiting (an
 * interrupted send has not sent its item). Iteration, which cannot throw a checked exception, sets the
 * interrupt flag again and throws {@link CancellationException}. {@link #trySend}, {@link #poll()},
 * {@link #close()}, {@link #cancel()} and the queries never wait for items or space, only for the short
 * internal lock. Timeouts of zero or less mean "do not wait".
 *
 * <h2>Closing</h2>
 * {@link #close()} ends the stream: sends fail from then on, receivers drain the items already buffered
 * and then {@link #receive()} throws {@link ClosedChannelException}, {@link #poll()} returns {@code null}
 * and iteration ends. Senders blocked at the time of the close throw {@link ClosedChannelException}
 * (their items were not sent). An item whose send returned normally is never lost by a close.
 * {@link #cancel()} closes and also removes the buffered items, returning them to the caller.
 *
 * <h2>Tracking work: {@code taskDone} / {@code awaitDone}</h2>
 * As in Python's {@code queue.Queue}, every item sent counts as unfinished until some thread calls
 * {@link #taskDone()} for it; {@link #awaitDone()} waits until none is unfinished.
 *
 * <h2>Nulls</h2>
 * Items must not be {@code null} ({@link NullPointerException}): {@code null} is what {@link #poll()}
 * returns for "no item". Timeouts must not be {@code null}.
 *
 * <h2>Implementations</h2>
 * Core's channels come from the factories below. Other modules implement this interface too (a
 * {@code ProcessChannel} reaches the same channel from worker processes); every implementation must pass
 * the channel conformance suite ({@code io.tandem.test.ChannelConformanceTest} in core's test jar).
 *
 * @param <T> the type of the items
 */
public interface Channel<T> extends Iterable<T>, AutoCloseable {

    /**
     * A FIFO channel that buffers at most {@code capacity} items; {@link #send} blocks while it is full.
     *
     * @throws IllegalArgumentException if {@code capacity} is less than 1
     */
    static <T> Channel<T> bounded(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity
                    + "; use Channel.rendezvous() for a channel without a buffer, or Channel.unbounded() for no limit");
        }
        return new RingChannel<>(capacity, "bounded");
    }

    /** A FIFO channel without a limit: {@link #send} never blocks (memory is the limit). */
    static <T> Channel<T> unbounded() {
        return new RingChannel<>(Integer.MAX_VALUE, "unbounded");
    }

    /**
     * A channel without a buffer: {@link #send} returns once a receiver has taken the item;
     * {@link #trySend} succeeds only if a receiver is already waiting, and {@link #poll()} only if a
     * sender is. {@link #capacity()} and {@link #size()} are 0.
     */
    static <T> Channel<T> rendezvous() {
        return new RendezvousChannel<>();
    }

    /**
     * An unbounded channel that hands out the least item first in natural order; items that compare
     * equal leave in the order they were sent.
     */
    static <T extends Comparable<? super T>> Channel<T> priority() {
        return new PriorityChannel<>(Integer.MAX_VALUE, Comparator.<T>naturalOrder(), "priority");
    }

    /**
     * An unbounded channel that hands out the least item by {@code comparator} first; items that compare
     * equal leave in the order they were sent. The comparator runs under the channel's lock: it must be
     * fast and must not use the channel; if it throws, the send or receive that called it throws the same
     * exception and the channel is unchanged.
     *
     * @throws NullPointerException if {@code comparator} is null
     */
    static <T> Channel<T> priority(Comparator<? super T> comparator) {
        Objects.requireNonNull(comparator, "comparator must not be null; use Channel.priority() for natural order");
        return new PriorityChannel<>(Integer.MAX_VALUE, comparator, "priority");
    }

    /**
     * A priority channel ({@link #priority(Comparator)}) that buffers at most {@code capacity} items;
     * {@link #send} blocks while it is full.
     *
     * @throws IllegalArgumentException if {@code capacity} is less than 1
     * @throws NullPointerException     if {@code comparator} is null
     */
    static <T> Channel<T> priority(int capacity, Comparator<? super T> comparator) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity
                    + "; use Channel.priority(comparator) for an unbounded priority channel");
        }
        Objects.requireNonNull(comparator, "comparator must not be null; use Comparator.naturalOrder() for natural order");
        return new PriorityChannel<>(capacity, comparator, "bounded priority");
    }

    /**
     * Sends {@code item}, waiting while the channel is full (for a rendezvous channel: until a receiver
     * takes it).
     *
     * @throws ClosedChannelException if the channel is closed, before or while waiting; the item was not sent
     * @throws InterruptedException   if interrupted before or while waiting; the item was not sent
     * @throws NullPointerException   if {@code item} is null
     */
    void send(T item) throws InterruptedException;

    /**
     * Sends {@code item}, waiting at most {@code timeout} for space (for a rendezvous channel: for a
     * receiver to take it).
     *
     * @return {@code true} if sent; {@code false} if the timeout passed first (the item was not sent)
     * @throws ClosedChannelException if the channel is closed, before or while waiting; the item was not sent
     * @throws InterruptedException   if interrupted before or while waiting; the item was not sent
     * @throws NullPointerException   if {@code item} or {@code timeout} is null
     */
    boolean send(T item, Duration timeout) throws InterruptedException;

    /**
     * Sends {@code item} if that is possible at once: the fast path, which never waits for space and never
     * throws for a full or closed channel.
     *
     * @return {@code true} if sent; {@code false} if the channel is full (rendezvous: no receiver is
     *         waiting) or closed
     * @throws NullPointerException if {@code item} is null
     */
    boolean trySend(T item);

    /**
     * Takes the next item, waiting until one arrives.
     *
     * @throws ClosedChannelException if the channel is closed and drained, before or while waiting
     * @throws InterruptedException   if interrupted before or while waiting; no item was taken
     */
    T receive() throws InterruptedException;

    /**
     * Takes the next item if one is there, without waiting.
     *
     * @return the item, or {@code null} if there is none (also when closed and drained)
     */
    T poll();

    /**
     * Takes the next item, waiting at most {@code timeout} for one.
     *
     * @return the item, or {@code null} if the timeout passed first or the channel is closed and drained
     * @throws InterruptedException if interrupted before or while waiting; no item was taken
     * @throws NullPointerException if {@code timeout} is null
     */
    T poll(Duration timeout) throws InterruptedException;

    /**
     * Closes the channel for sending: sends fail from now on, and senders blocked right now throw
     * {@link ClosedChannelException}. Buffered items stay for receivers; once they are drained,
     * {@link #receive()} throws {@link ClosedChannelException} and iteration ends. Idempotent.
     */
    @Override
    void close();

    /**
     * Closes the channel (as {@link #close()}) and removes every buffered item, so receivers see the end
     * at once. The removed items no longer count as unfinished for {@link #awaitDone()}.
     *
     * @return the removed items in the order they would have been received (empty for a rendezvous
     *         channel and on every call after the first); never null, and the caller's to keep
     */
    List<T> cancel();

    /** Whether {@link #close()} or {@link #cancel()} has been called. */
    boolean isClosed();

    /** Whether the channel is closed and drained: no receive will ever return an item again. */
    boolean isClosedForReceive();

    /** The number of buffered items (always 0 for a rendezvous channel); a snapshot. */
    int size();

    /** The most items the channel buffers: {@link Integer#MAX_VALUE} if unbounded, 0 for rendezvous. */
    int capacity();

    /**
     * Marks one sent item as processed (Python's {@code Queue.task_done()}). Call it once per item after
     * handling it; {@link #awaitDone()} returns when every item sent has been marked.
     *
     * @throws IllegalStateException if called more times than items were sent
     */
    void taskDone();

    /**
     * Waits until every item sent so far has been marked with {@link #taskDone()} (Python's
     * {@code Queue.join()}); returns at once if none is unfinished.
     *
     * @throws InterruptedException if interrupted before or while waiting
     */
    void awaitDone() throws InterruptedException;

    /**
     * Waits at most {@code timeout} until every item sent so far has been marked with {@link #taskDone()}.
     *
     * @return {@code true} if none is unfinished; {@code false} if the timeout passed first
     * @throws InterruptedException if interrupted before or while waiting
     * @throws NullPointerException if {@code timeout} is null
     */
    boolean awaitDone(Duration timeout) throws InterruptedException;

    /**
     * An iterator that receives: {@code hasNext()} waits for the next item and returns {@code false}
     * once the channel is closed and drained. Every iterator (and every stream) takes items from the
     * same channel, so several of them, in several threads, share the items between them. If interrupted
     * while waiting, {@code hasNext()} sets the interrupt flag again and throws
     * {@link CancellationException}. {@code remove()} is not supported.
     */
    @Override
    Iterator<T> iterator();

    /**
     * A sequential stream over the items received, as {@link #iterator()}; it ends once the channel is
     * closed and drained. Closing the stream does not close the channel.
     */
    Stream<T> stream();
}
