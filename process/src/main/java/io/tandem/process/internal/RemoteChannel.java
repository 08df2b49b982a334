package io.tandem.process.internal;

import io.tandem.channel.Channel;
import io.tandem.channel.ClosedChannelException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A channel of the parent process seen from a worker: each operation is a {@link ChannelRpc.Call} over the
 * worker's connection, run by the parent on the real channel (see {@link ChannelRpc}), except the two bulk
 * paths: {@code send} goes through a {@link SendWindow} (items leave in batches, with credits from the
 * channel's free space) and iteration through {@link Prefetching} (items arrive in batches).
 *
 * <p>Order: every other operation first makes this handle's own sends reach the parent (ships what waits
 * and, except for receiving calls, waits until it is confirmed), so a worker sees its own sends as in one
 * process: it can receive them, {@code size()} counts them, {@code close()} comes after them,
 * {@code taskDone()} and {@code awaitDone()} count them. A receiving call ({@code receive}, the timed
 * {@code poll}, iteration) ships what waits without waiting for the confirmation: it waits in the parent
 * for an item anyway, and waiting here as well could wait for room that only this receiver makes.
 *
 * <p>What is checked here, before anything travels: null items and timeouts (as every channel checks
 * them), and the interrupt flag on entry to a blocking operation, so an interrupted thread sends nothing.
 * Everything else (closing, timeouts, back-pressure, {@code taskDone} counting) is the parent channel's
 * own behaviour, and its exceptions arrive here unchanged. Thread-safe: any number of threads of the
 * worker may call at once, each call waits only for its own reply (and for the window it shares).
 */
final class RemoteChannel implements Channel<Object> {
    private final long ownerPid;
    private final long id;
    private final WorkerMain link;
    private final SendWindow window = new SendWindow(this);

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
        return call(op, item, timeoutNanos, 0);
    }

    private Object call(byte op, Object item, long a, long b) throws InterruptedException {
        return decodeReply(link.channelCall(new ChannelRpc.Call(id, op, item, a, b).encode(link.codec())));
    }

    /** The value of a reply, or its failure thrown. */
    Object decodeReply(byte[] reply) throws InterruptedException {
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

    /** A batch of sends, in order (SendWindow), ready to travel. */
    byte[] encodeBatch(ArrayList<Object> batch) {
        return new ChannelRpc.Call(id, ChannelRpc.SEND_BATCH, batch, -1, 0).encode(link.codec());
    }

    /** Sends an encoded batch; the reply says the free space afterwards, or the refusal. */
    CompletableFuture<byte[]> sendEncoded(byte[] payload) {
        return link.channelCallAsync(payload);
    }

    /** A reply's value, and how large it was (Prefetching sizes its next request by it). */
    record Sized(Object value, int bytes) {
    }

    /** Up to {@code max} items, waiting for the first (Prefetching); lent to iterator {@code key}. */
    Sized receiveBatch(long key, int max) throws InterruptedException {
        checkInterrupt();
        window.push();
        byte[] reply = link.channelCall(new ChannelRpc.Call(id, ChannelRpc.RECEIVE_BATCH, null, key, max).encode(link.codec()));
        return new Sized(decodeReply(reply), reply.length);
    }

    /** Iterator {@code key} handed out {@code handedOut} items of its batch; the parent puts back the rest. */
    void giveBack(long key, int handedOut) {
        try {
            call(ChannelRpc.GIVE_BACK, null, key, handedOut);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while giving back items of " + describeBriefly(), e);
        }
    }

    /** {@code channel <id> of process <pid>}. */
    String describeBriefly() {
        return "channel " + id + " of process " + ownerPid;
    }

    /** Waits (uninterruptibly) until this handle's own sends are confirmed: the order of every other operation. */
    private void settleSends() {
        try {
            window.drain(false, false, 0);
        } catch (InterruptedException impossible) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until this handle's sends are in the parent's channel; throws a refusal not yet reported. */
    void flush() throws InterruptedException {
        checkInterrupt();
        window.drain(true, false, 0);
        window.throwRefused();
    }

    @Override
    public void send(Object item) throws InterruptedException {
        Object checked = item(item);
        checkInterrupt();
        if (window.offer(checked)) {
            return;
        }
        try {
            window.learnFree((Integer) blocking(ChannelRpc.SEND_BATCH, new ArrayList<>(List.of(checked)), -1));
        } catch (ClosedChannelException e) {
            window.learnClosed();
            throw e;
        }
    }

    @Override
    public boolean send(Object item, Duration timeout) throws InterruptedException {
        Object checked = item(item);
        long deadline = SendWindow.deadline(nanos(timeout));
        checkInterrupt();
        if (!window.drain(true, true, deadline)) {
            return false;
        }
        window.throwRefused();
        try {
            boolean sent = (Boolean) blocking(ChannelRpc.SEND_TIMED, checked, Math.max(0, deadline - System.nanoTime()));
            window.learnSent(sent);
            return sent;
        } catch (ClosedChannelException e) {
            window.learnClosed();
            throw e;
        }
    }

    @Override
    public boolean trySend(Object item) {
        Object checked = item(item);
        settleSends();
        boolean sent = (Boolean) immediate(ChannelRpc.TRY_SEND, checked);
        window.learnSent(sent);
        return sent;
    }

    @Override
    public Object receive() throws InterruptedException {
        checkInterrupt();
        window.push();
        return blocking(ChannelRpc.RECEIVE, null, -1);
    }

    @Override
    public Object poll() {
        settleSends();
        return immediate(ChannelRpc.POLL, null);
    }

    @Override
    public Object poll(Duration timeout) throws InterruptedException {
        long n = nanos(timeout);
        checkInterrupt();
        window.push();
        return blocking(ChannelRpc.POLL_TIMED, null, n);
    }

    /** Sends what this handle still holds, closes, then throws a refusal of earlier sends not yet reported. */
    @Override
    public void close() {
        settleSends();
        immediate(ChannelRpc.CLOSE, null);
        window.learnClosed();
        window.throwRefused();
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Object> cancel() {
        settleSends();
        List<Object> cancelled = (List<Object>) immediate(ChannelRpc.CANCEL, null);
        window.learnClosed();
        return cancelled;
    }

    @Override
    public boolean isClosed() {
        return (Boolean) immediate(ChannelRpc.IS_CLOSED, null);
    }

    @Override
    public boolean isClosedForReceive() {
        settleSends();
        return (Boolean) immediate(ChannelRpc.IS_CLOSED_FOR_RECEIVE, null);
    }

    @Override
    public int size() {
        settleSends();
        return (Integer) immediate(ChannelRpc.SIZE, null);
    }

    @Override
    public int capacity() {
        return (Integer) immediate(ChannelRpc.CAPACITY, null);
    }

    @Override
    public void taskDone() {
        settleSends();
        immediate(ChannelRpc.TASK_DONE, null);
    }

    @Override
    public void awaitDone() throws InterruptedException {
        checkInterrupt();
        window.drain(true, false, 0);
        blocking(ChannelRpc.AWAIT_DONE, null, -1);
    }

    @Override
    public boolean awaitDone(Duration timeout) throws InterruptedException {
        long deadline = SendWindow.deadline(nanos(timeout));
        checkInterrupt();
        if (!window.drain(true, true, deadline)) {
            return false;
        }
        return (Boolean) blocking(ChannelRpc.AWAIT_DONE_TIMED, null, Math.max(0, deadline - System.nanoTime()));
    }

    @Override
    public Iterator<Object> iterator() {
        return new Prefetching(this);
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
}
