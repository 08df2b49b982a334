package io.tandem.process;

import io.tandem.channel.Channel;
import io.tandem.process.internal.ChannelRpc;

import java.io.Externalizable;
import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A {@link Channel} that worker processes can use: Python's {@code multiprocessing.Queue}. The channel
 * lives in the process that created it (the parent); passing a {@code ProcessChannel} into a task
 * sends a small handle, and in the worker every operation travels to the parent over the worker's
 * connection, with sends and iteration batched (see below). Semantics are those of the wrapped channel
 * (bounded, unbounded, rendezvous or priority; close drains; {@code taskDone}/{@code awaitDone}), because
 * the parent runs every operation on it. In the creating process, use the {@code ProcessChannel}, not the
 * channel it wraps: items a worker gives back after the channel was closed are held by the former.
 *
 * {@snippet :
 * try (ProcessPool pool = ProcessPool.create(2)) {
 *     ProcessChannel<Integer> queue = ProcessChannel.of(Channel.bounded(100));
 *     Task<Void> producer = pool.submit(() -> {
 *         for (int i = 0; i < 5; i++) queue.send(i);
 *         queue.close();                 // no poison pill: the consumer's loop ends after the last item
 *         return null;
 *     });
 *     for (int item : queue) System.out.println("Consumed " + item);
 *     producer.join();
 * }
 * }
 *
 * <h2>Where it can be used</h2>
 * In the process that created it, and in worker processes of {@link ProcessPool}s (and
 * {@link Processes}) started by that process. Using it anywhere else fails with an
 * {@link IllegalStateException} that says where it lives. Once the creating process no longer
 * references it, workers that still hold handles get an {@link IllegalStateException} ("discarded").
 *
 * <h2>Concurrency</h2>
 * Thread-safe in every process, with every method of {@link Channel} and its documented semantics
 * (closing, {@code cancel}, timeouts, interrupts, iteration, {@code taskDone}/{@code awaitDone}); it passes
 * the channel conformance suite both in the parent and from worker processes. In the parent every call
 * goes straight to the wrapped channel. In a worker, null arguments and an interrupt on entry to a
 * blocking call are rejected before anything travels; a blocking call blocks the calling thread (any
 * thread of the task), and interrupting it (for example by cancelling the task) abandons the call in the
 * parent as well: either the operation completed there (a sent item stays sent, a received item is
 * returned, and the interrupt flag is set again) or it throws {@link InterruptedException}, never both.
 * Exceptions of the parent's channel ({@link io.tandem.channel.ClosedChannelException}, ...) arrive
 * unchanged. Items travel through the codec of the pool that runs the task. Memory consistency: as
 * {@link Channel}, within the parent; across processes, a received item is a copy.
 *
 * <h2>Batching between processes</h2>
 * A worker does not pay a round trip per item on the two bulk paths:
 * <ul>
 *   <li><b>{@code send(item)} is buffered.</b> It returns as soon as the item is taken into the worker
 *   handle's send window. The window holds at most the channel's free space as the parent last reported
 *   it, at most 4096 items, and at most about 1 MiB once a batch has shown how large the items are. The
 *   items travel in order, one message per batch: at once when 64 wait and none travel, when the batch in
 *   flight is confirmed, when a sender has to wait, and at the latest about 30 microseconds after the
 *   first one, so a slow producer's items are not held back. When the window is full, {@code send} waits
 *   (interruptibly; its item is then not sent). When the channel is full, or is a rendezvous channel, or
 *   the worker has not heard from it yet, the item travels alone and {@code send} waits exactly as it
 *   would in one process (back-pressure, interrupts, close). The parent sends each item with a blocking
 *   send, so a {@code bounded(n)} channel never holds more than {@code n} items, and a worker handle runs
 *   at most {@code n} more ahead of it (its window). {@code trySend} and the timed {@code send} are never
 *   buffered: they report what happened.</li>
 *   <li><b>A refused send is reported later.</b> If the parent refuses buffered items (the channel was
 *   closed meanwhile), the next {@code send}, {@link #flush()} or {@code close()} of that handle in the
 *   worker throws {@link io.tandem.channel.ClosedChannelException}, saying how many items were refused; if
 *   none comes, the task fails with it. No other operation throws it.</li>
 *   <li><b>Every other operation comes after the worker's own sends</b>: it first makes them reach the
 *   parent, so a worker receives its own items, {@code size()} counts them, {@code close()} closes after
 *   them, {@code taskDone}/{@code awaitDone} count them. A task's sends are all in the channel before its
 *   result is reported. If a worker process dies, the items its handles had accepted but not yet
 *   delivered are lost (at most a window each): what arrived of each handle's sends is a prefix, in
 *   order, never duplicated.</li>
 *   <li><b>Iteration prefetches.</b> An iterator (and {@code stream()}, and a for-each loop) in a worker
 *   asks for several items at once (16 at first, then as many as about 1 MiB holds, at most 2048): it
 *   waits for the first, takes whatever else is already there, and hands them out one by one.
 *   {@code receive()} and {@code poll} take exactly one item per call. Prefetched items are not lost: when
 *   the task ends, the items its iterators took but did not hand out go back into the channel before the
 *   task's result is reported; if the worker dies, the whole batch its iterator held goes back, so items
 *   handed to the dying task since its iterator last asked may be delivered a second time (at least once,
 *   never lost). Items go back to the end of an open channel (behind items sent meanwhile) or, once it is
 *   closed, ahead of what it still holds, for receivers that use this {@code ProcessChannel}.</li>
 * </ul>
 *
 * <h2>Identity</h2>
 * A handle decoded in the parent is this very object; in a worker, every decoded handle is a proxy of the
 * same channel. {@code toString()} describes the wrapped channel (in a worker it asks the parent).
 *
 * @param <T> the item type
 */
public final class ProcessChannel<T> implements Channel<T>, Serializable {
    @Serial
    private static final long serialVersionUID = 2L;

    static {
        ChannelRpc.install(new ChannelRpc.Handles() {
            @Override
            public long[] handleOf(Object processChannel) {
                ProcessChannel<?> pc = (ProcessChannel<?>) processChannel;
                return new long[]{pc.ownerPid, pc.id};
            }

            @Override
            public Object resolve(long ownerPid, long id) {
                return ProcessChannel.resolve(ownerPid, id);
            }
        });
    }

    private final transient Channel<T> channel;
    private final transient long ownerPid;
    private final transient long id;

    private ProcessChannel(Channel<T> channel, long ownerPid, long id) {
        this.channel = channel;
        this.ownerPid = ownerPid;
        this.id = id;
    }

    /**
     * Makes {@code channel} usable from worker processes started by this process. A {@code ProcessChannel}
     * is returned as it is.
     *
     * @throws NullPointerException if {@code channel} is null
     */
    public static <T> ProcessChannel<T> of(Channel<T> channel) {
        Objects.requireNonNull(channel, "channel");
        if (channel instanceof ProcessChannel<T> already) {
            return already;
        }
        @SuppressWarnings("unchecked")
        Channel<Object> owned = ChannelRpc.owned((Channel<Object>) channel);
        long id = ChannelRpc.register(owned);
        @SuppressWarnings("unchecked")
        ProcessChannel<T> pc = new ProcessChannel<>((Channel<T>) owned, ChannelRpc.pid(), id);
        ChannelRpc.bind(id, pc);
        return pc;
    }

    /** Called by the codec when a handle arrives: the original in the parent, a proxy in a worker. */
    @SuppressWarnings("unchecked")
    static <T> ProcessChannel<T> resolve(long ownerPid, long id) {
        if (ownerPid == ChannelRpc.pid()) {
            return (ProcessChannel<T>) ChannelRpc.local(id);
        }
        return new ProcessChannel<>((Channel<T>) ChannelRpc.remote(ownerPid, id), ownerPid, id);
    }

    @Serial
    private Object writeReplace() {
        return new ChannelHandle(ownerPid, id);
    }

    /**
     * What travels: where the channel lives. Externalizable with two longs, so that codecs need no
     * generated serializer for it (Fory takes most of a second to build one for a record in a fresh
     * process, on the path of the first task that carries a channel). Public only for serialization.
     */
    public static final class ChannelHandle implements Externalizable {
        @Serial
        private static final long serialVersionUID = 2L;
        private long ownerPid;
        private long id;

        /** For deserialization only. */
        public ChannelHandle() {
        }

        ChannelHandle(long ownerPid, long id) {
            this.ownerPid = ownerPid;
            this.id = id;
        }

        @Override
        public void writeExternal(ObjectOutput out) throws IOException {
            out.writeLong(ownerPid);
            out.writeLong(id);
        }

        @Override
        public void readExternal(ObjectInput in) throws IOException {
            ownerPid = in.readLong();
            id = in.readLong();
        }

        @Serial
        private Object readResolve() {
            return ProcessChannel.resolve(ownerPid, id);
        }
    }

    @Override
    public void send(T item) throws InterruptedException {
        channel.send(item);
    }

    @Override
    public boolean send(T item, Duration timeout) throws InterruptedException {
        return channel.send(item, timeout);
    }

    @Override
    public boolean trySend(T item) {
        return channel.trySend(item);
    }

    @Override
    public T receive() throws InterruptedException {
        return channel.receive();
    }

    @Override
    public T poll() {
        return channel.poll();
    }

    @Override
    public T poll(Duration timeout) throws InterruptedException {
        return channel.poll(timeout);
    }

    @Override
    public void close() {
        channel.close();
    }

    /**
     * In a worker: waits until every item this handle's {@code send} calls accepted is in the parent's
     * channel, then throws the {@link io.tandem.channel.ClosedChannelException} of any that the parent
     * refused and no call has reported yet. In the creating process: returns at once (sends there are
     * never buffered).
     *
     * @throws InterruptedException if interrupted while waiting (the items still travel)
     * @throws io.tandem.channel.ClosedChannelException if the channel refused items sent earlier
     */
    public void flush() throws InterruptedException {
        ChannelRpc.flush(channel);
    }

    @Override
    public List<T> cancel() {
        return channel.cancel();
    }

    @Override
    public boolean isClosed() {
        return channel.isClosed();
    }

    @Override
    public boolean isClosedForReceive() {
        return channel.isClosedForReceive();
    }

    @Override
    public int size() {
        return channel.size();
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
    public Iterator<T> iterator() {
        return channel.iterator();
    }

    @Override
    public Stream<T> stream() {
        return channel.stream();
    }

    /** {@code ProcessChannel[<id> in process <pid>: <the wrapped channel>]}, with its kind, size and state. */
    @Override
    public String toString() {
        return "ProcessChannel[" + id + " in process " + ownerPid + ": " + channel + "]";
    }
}
