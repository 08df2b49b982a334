package io.tandem.process;

import io.tandem.channel.Channel;
import io.tandem.channel.ClosedChannelException;
import io.tandem.process.internal.ChannelRpc;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A {@link Channel} that worker processes can use: Python's {@code multiprocessing.Queue}. The channel
 * lives in the process that created it (the parent); passing a {@code ProcessChannel} into a task
 * sends a small handle, and in the worker every operation travels to the parent over the worker's
 * connection. Semantics are exactly those of the wrapped channel (bounded, unbounded, rendezvous or
 * priority; close drains; {@code taskDone}/{@code awaitDone}), because the parent runs every operation on
 * it.
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
 * Thread-safe in every process. Blocking calls in a worker block that task; interrupting the task (for
 * example by cancelling it) abandons the call in the parent as well and throws
 * {@link InterruptedException}. Items travel through the codec of the pool that runs the task. Memory
 * consistency: as {@link Channel}, within the parent; across processes, a received item is a copy.
 *
 * @param <T> the item type
 */
public final class ProcessChannel<T> implements Iterable<T>, AutoCloseable, Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient ChannelRpc.Backend backend;
    private final transient long id;

    private ProcessChannel(ChannelRpc.Backend backend, long id) {
        this.backend = backend;
        this.id = id;
    }

    /** Makes {@code channel} usable from worker processes started by this process. */
    public static <T> ProcessChannel<T> of(Channel<T> channel) {
        Objects.requireNonNull(channel, "channel");
        @SuppressWarnings("unchecked")
        Channel<Object> c = (Channel<Object>) channel;
        ChannelRpc.Local local = ChannelRpc.register(c);
        ProcessChannel<T> pc = new ProcessChannel<>(local, local.id());
        local.bind(pc);
        return pc;
    }

    /** Called by the codec when a handle arrives: a proxy in a worker, the original in the parent. */
    static <T> ProcessChannel<T> resolve(long ownerPid, long id) {
        return new ProcessChannel<>(ChannelRpc.backendFor(ownerPid, id), id);
    }

    @Serial
    private Object writeReplace() {
        return new ChannelHandle(backend.ownerPid(), id);
    }

    /** What travels: where the channel lives. */
    record ChannelHandle(long ownerPid, long id) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        @Serial
        private Object readResolve() {
            return ProcessChannel.resolve(ownerPid, id);
        }
    }

    @SuppressWarnings("unchecked")
    private <R> R call(byte op, Object item, Duration timeout) throws InterruptedException {
        return (R) backend.call(op, item, timeout == null ? -1 : timeout.toNanos());
    }

    private <R> R callUninterruptibly(byte op, Object item) {
        try {
            return call(op, item, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            CancellationException ce = new CancellationException("interrupted while talking to the channel's process");
            ce.initCause(e);
            throw ce;
        }
    }

    private static Duration positive(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, got " + timeout);
        }
        return timeout;
    }

    /** As {@link Channel#send(Object)}. */
    public void send(T item) throws InterruptedException {
        call(ChannelRpc.SEND, Objects.requireNonNull(item, "item"), null);
    }

    /** As {@link Channel#send(Object, Duration)}. */
    public boolean send(T item, Duration timeout) throws InterruptedException {
        return (Boolean) call(ChannelRpc.SEND_TIMED, Objects.requireNonNull(item, "item"), positive(timeout));
    }

    /** As {@link Channel#trySend(Object)}. */
    public boolean trySend(T item) {
        return (Boolean) callUninterruptibly(ChannelRpc.TRY_SEND, Objects.requireNonNull(item, "item"));
    }

    /** As {@link Channel#receive()}: throws {@link ClosedChannelException} once closed and drained. */
    public T receive() throws InterruptedException {
        return call(ChannelRpc.RECEIVE, null, null);
    }

    /** As {@link Channel#poll()}. */
    public T poll() {
        return callUninterruptibly(ChannelRpc.POLL, null);
    }

    /** As {@link Channel#poll(Duration)}. */
    public T poll(Duration timeout) throws InterruptedException {
        return call(ChannelRpc.POLL_TIMED, null, positive(timeout));
    }

    /** As {@link Channel#close()}. */
    @Override
    public void close() {
        callUninterruptibly(ChannelRpc.CLOSE, null);
    }

    /** As {@link Channel#cancel()}. */
    public List<T> cancel() {
        return callUninterruptibly(ChannelRpc.CANCEL, null);
    }

    public boolean isClosed() {
        return (Boolean) callUninterruptibly(ChannelRpc.IS_CLOSED, null);
    }

    public boolean isClosedForReceive() {
        return (Boolean) callUninterruptibly(ChannelRpc.IS_CLOSED_FOR_RECEIVE, null);
    }

    public int size() {
        return (Integer) callUninterruptibly(ChannelRpc.SIZE, null);
    }

    /** As {@link Channel#taskDone()}. */
    public void taskDone() {
        callUninterruptibly(ChannelRpc.TASK_DONE, null);
    }

    /** As {@link Channel#awaitDone()}. */
    public void awaitDone() throws InterruptedException {
        call(ChannelRpc.AWAIT_DONE, null, null);
    }

    /** Items until the channel is closed and drained; see {@link Channel#iterator()}. */
    @Override
    public Iterator<T> iterator() {
        return new Iterator<>() {
            private T next;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (next != null) {
                    return true;
                }
                if (done) {
                    return false;
                }
                try {
                    next = receive();
                    return true;
                } catch (ClosedChannelException e) {
                    done = true;
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    CancellationException ce = new CancellationException(
                            "interrupted while waiting for the next item of " + ProcessChannel.this + "; the interrupt flag is set again");
                    ce.initCause(e);
                    throw ce;
                }
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                T t = next;
                next = null;
                return t;
            }
        };
    }

    public Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), 0), false);
    }

    @Override
    public String toString() {
        return "ProcessChannel[" + id + " in process " + backend.ownerPid() + "]";
    }
}
