package io.tandem.process.internal;

import io.tandem.channel.Channel;
import io.tandem.channel.ClosedChannelException;

import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A channel of the parent process seen from a worker: every operation is one {@link ChannelRpc.Call}
 * over the worker's connection, run by the parent on the real channel (see {@link ChannelRpc}).
 *
 * <p>What is checked here, before anything travels: null items and timeouts (as every channel checks
 * them), and the interrupt flag on entry to a blocking operation, so an interrupted thread sends nothing.
 * Everything else (closing, timeouts, back-pressure, {@code taskDone} counting) is the parent channel's
 * own behaviour, and its exceptions arrive here unchanged. Thread-safe: any number of threads of the
 * worker may call at once, each call waits only for its own reply.
 */
final class RemoteChannel implements Channel<Object> {
    private final long ownerPid;
    private final long id;
    private final WorkerMain link;

    RemoteChannel(long ownerPid, long id, WorkerMain link) {
        this.ownerPid = ownerPid;
        this.id = id;
        this.link = link;
    }

    private static Object item(Object item) {
        return Objects.requireNonNull(item, "item must not be null: a channel uses null to mean \"no item\"");
    }

    private static long nanos(Duration timeout) {
        return TimeUnit.NANOSECONDS.convert(Objects.requireNonNull(timeout, "timeout must not be null"));
    }

    private static void checkInterrupt() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before the channel operation was sent");
        }
    }

    /** A call that may wait in the parent: an interrupt abandons it there (see ChannelRpc). */
    private Object blocking(byte op, Object item, long timeoutNanos) throws InterruptedException {
        checkInterrupt();
        return call(op, item, timeoutNanos);
    }

    /**
     * A call that never waits in the parent for items or space. An interrupt while the reply travels is
     * kept (the flag is set again) and the call still completes.
     */
    private Object immediate(byte op, Object item) {
        try {
            return call(op, item, -1);
        } catch (InterruptedException e) {
            // the parent's operation cannot be interrupted; if it ever is, say so instead of losing the interrupt
            Thread.currentThread().interrupt();
            CancellationException ce = new CancellationException("interrupted while talking to the channel's process " + ownerPid);
            ce.initCause(e);
            throw ce;
        }
    }

    private Object call(byte op, Object item, long timeoutNanos) throws InterruptedException {
        byte[] reply = link.channelCall(link.codec().encode(new ChannelRpc.Call(id, op, item, timeoutNanos)));
        byte[] body = Arrays.copyOfRange(reply, 1, reply.length);
        return switch (reply[0]) {
            case ChannelRpc.NULL -> null;
            case ChannelRpc.VALUE -> link.codec().decode(body);
            default -> throw rethrow((Throwable) JavaCodec.INSTANCE.decode(body));
        };
    }

    private RuntimeException rethrow(Throwable t) throws InterruptedException {
        switch (t) {
            case InterruptedException ie -> throw ie;
            case RuntimeException re -> throw re;
            case Error err -> throw err;
            default -> throw new IllegalStateException("channel operation failed in process " + ownerPid, t);
        }
    }

    @Override
    public void send(Object item) throws InterruptedException {
        blocking(ChannelRpc.SEND, item(item), -1);
    }

    @Override
    public boolean send(Object item, Duration timeout) throws InterruptedException {
        Object checked = item(item);
        return (Boolean) blocking(ChannelRpc.SEND_TIMED, checked, nanos(timeout));
    }

    @Override
    public boolean trySend(Object item) {
        return (Boolean) immediate(ChannelRpc.TRY_SEND, item(item));
    }

    @Override
    public Object receive() throws InterruptedException {
        return blocking(ChannelRpc.RECEIVE, null, -1);
    }

    @Override
    public Object poll() {
        return immediate(ChannelRpc.POLL, null);
    }

    @Override
    public Object poll(Duration timeout) throws InterruptedException {
        return blocking(ChannelRpc.POLL_TIMED, null, nanos(timeout));
    }

    @Override
    public void close() {
        immediate(ChannelRpc.CLOSE, null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Object> cancel() {
        return (List<Object>) immediate(ChannelRpc.CANCEL, null);
    }

    @Override
    public boolean isClosed() {
        return (Boolean) immediate(ChannelRpc.IS_CLOSED, null);
    }

    @Override
    public boolean isClosedForReceive() {
        return (Boolean) immediate(ChannelRpc.IS_CLOSED_FOR_RECEIVE, null);
    }

    @Override
    public int size() {
        return (Integer) immediate(ChannelRpc.SIZE, null);
    }

    @Override
    public int capacity() {
        return (Integer) immediate(ChannelRpc.CAPACITY, null);
    }

    @Override
    public void taskDone() {
        immediate(ChannelRpc.TASK_DONE, null);
    }

    @Override
    public void awaitDone() throws InterruptedException {
        blocking(ChannelRpc.AWAIT_DONE, null, -1);
    }

    @Override
    public boolean awaitDone(Duration timeout) throws InterruptedException {
        return (Boolean) blocking(ChannelRpc.AWAIT_DONE_TIMED, null, nanos(timeout));
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

    /** The parent channel's own description (kind, size, open or closed), or why it cannot be had. */
    @Override
    public String toString() {
        try {
            return String.valueOf(immediate(ChannelRpc.DESCRIBE, null));
        } catch (RuntimeException e) {
            return "Channel[in process " + ownerPid + ", state unknown: " + e.getMessage() + "]";
        }
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
                        + "channel " + id + " of process " + ownerPid + "; the interrupt flag is set again");
                ce.initCause(e);
                throw ce;
            }
        }

        @Override
        public Object next() {
            if (!hasNext()) {
                throw new NoSuchElementException("channel " + id + " of process " + ownerPid + " is closed and drained");
            }
            Object item = next;
            next = null;
            return item;
        }
    }
}
