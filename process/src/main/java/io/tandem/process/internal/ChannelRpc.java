package io.tandem.process.internal;

import io.tandem.channel.Channel;
import io.tandem.channel.ClosedChannelException;
import io.tandem.process.Codec;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/*
 * How a ProcessChannel works across processes: the registry in the owning process, the operations that
 * travel, and the parent side of serving them.
 *
 * The channel lives in the process that created it, in a registry keyed by id. In that process a
 * ProcessChannel calls the channel directly, and a handle decoded there resolves to the same object. A
 * handle decoded in one of its worker processes becomes a RemoteChannel: each operation is a CH_CALL frame
 * on the worker's connection; the parent runs it (serve, called by the backend on a virtual thread: it may
 * block, a send on a full channel, a receive on an empty one) and answers with CH_REPLY. A worker task
 * interrupted while waiting sends CH_ABORT and then still waits for the reply: the parent interrupts the
 * operation, which either completed (the item is delivered and the interrupt flag set again) or did not
 * (InterruptedException): never both, never neither, exactly as Channel behaves in one process. Replies
 * carry a status byte: a value (pool codec), null, or a failure (JDK serialization, as every failure in
 * this module).
 *
 * Two kinds of call move items in bulk, so a worker pays one round trip per batch, not per item:
 * SEND_BATCH (a list of items sent in order, with a blocking send each; the reply is the channel's free
 * space afterwards, which the worker's SendWindow uses as credit) and RECEIVE_BATCH (waits for the first
 * item like receive, then takes whatever else is there, up to a maximum; used by a worker's Prefetching
 * iterator). A batch a worker received is lent to it (Loans) until it asks for the next one, ends, or gives
 * the rest back with GIVE_BACK; if the worker dies, the parent puts the lent items back (see Loans for
 * what that promises).
 */
public final class ChannelRpc {
    static final byte SEND = 1;
    static final byte SEND_TIMED = 2;
    static final byte TRY_SEND = 3;
    static final byte RECEIVE = 4;
    static final byte POLL = 5;
    static final byte POLL_TIMED = 6;
    static final byte CLOSE = 7;
    static final byte CANCEL = 8;
    static final byte IS_CLOSED = 9;
    static final byte IS_CLOSED_FOR_RECEIVE = 10;
    static final byte SIZE = 11;
    static final byte TASK_DONE = 12;
    static final byte AWAIT_DONE = 13;
    static final byte CAPACITY = 14;
    static final byte AWAIT_DONE_TIMED = 15;
    static final byte DESCRIBE = 16;
    static final byte SEND_BATCH = 17;    // item: ArrayList of items; reply: free space afterwards
    static final byte RECEIVE_BATCH = 18; // a: loan key, b: max items; reply: ArrayList, never empty
    static final byte GIVE_BACK = 19;     // a: loan key, b: items of the loan handed out

    static final byte VALUE = 0;
    static final byte NULL = 1;
    static final byte FAILURE = 2;

    private static final Map<Long, Registration> REGISTRY = new ConcurrentHashMap<>();
    private static final AtomicLong IDS = new AtomicLong();
    private static final long PID = ProcessHandle.current().pid();

    private ChannelRpc() {
    }

    /**
     * What a worker sends: which channel, which operation, its item (if any) and two numbers (a timeout
     * in nanoseconds, or an iterator's key and a count). The envelope is written by hand and only the item
     * goes through the pool's codec: a record through Fory costs a freshly started process a good part of
     * a second to build its serializer, on the path of the first channel call of every worker.
     */
    record Call(long channelId, byte op, Object item, long a, long b) {
        private static final int HEADER = 8 + 1 + 8 + 8 + 1;

        byte[] encode(Codec codec) {
            byte[] body = item == null ? new byte[0] : codec.encode(item);
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(HEADER + body.length);
            buf.putLong(channelId).put(op).putLong(a).putLong(b).put((byte) (item == null ? 0 : 1)).put(body);
            return buf.array();
        }

        static Call decode(Codec codec, byte[] payload) {
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(payload);
            long channelId = buf.getLong();
            byte op = buf.get();
            long a = buf.getLong();
            long b = buf.getLong();
            Object item = buf.get() == 0 ? null : codec.decode(java.util.Arrays.copyOfRange(payload, HEADER, payload.length));
            return new Call(channelId, op, item, a, b);
        }
    }

    /** A channel in its own process, and the user's object that keeps the registration alive. */
    private static final class Registration {
        final Channel<Object> channel;
        volatile WeakReference<Object> owner = new WeakReference<>(null);

        Registration(Channel<Object> channel) {
            this.channel = channel;
        }

        boolean discarded() {
            return owner.get() == null;
        }
    }

    /**
     * The channel a {@code ProcessChannel} uses in its own process: {@code channel} with room for items that
     * workers give back after it was closed (see {@link ReturningChannel}).
     */
    public static Channel<Object> owned(Channel<Object> channel) {
        return new ReturningChannel(channel);
    }

    /** {@code ProcessChannel.flush()}: waits for a worker's buffered sends; nothing to do in the owning process. */
    public static void flush(Channel<?> channel) throws InterruptedException {
        if (channel instanceof RemoteChannel remote) {
            remote.flush();
        }
    }

    /**
     * What a {@link io.tandem.process.ProcessChannel} travels as, in codecs that write it by hand (the
     * standard codec does, so that a task capturing a channel needs no JDK serialization: an object stream
     * cost a fresh JVM tens of milliseconds on each side). Installed once, by ProcessChannel itself.
     */
    public interface Handles {
        /** The channel's owning process and registration id. */
        long[] handleOf(Object processChannel);

        /** The channel with that owner and id: the original in the owner, a proxy in a worker. */
        Object resolve(long ownerPid, long id);
    }

    private static volatile Handles handles;

    /** Called by ProcessChannel's static initializer. */
    public static void install(Handles h) {
        handles = h;
    }

    /** The installed handles, initialising ProcessChannel first if nothing has yet. */
    public static Handles handles() {
        Handles h = handles;
        if (h == null) {
            try {
                Class.forName("io.tandem.process.ProcessChannel", true, ChannelRpc.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("io.tandem.process.ProcessChannel is missing from the class path", e);
            }
            h = handles;
        }
        return h;
    }

    /** This process's id: where the channels registered here live. */
    public static long pid() {
        return PID;
    }

    /**
     * Registers {@code channel} for worker processes and returns its id. The registration lives as long as
     * the object later given to {@link #bind} is reachable.
     */
    public static long register(Channel<Object> channel) {
        long id = IDS.incrementAndGet();
        REGISTRY.values().removeIf(Registration::discarded); // cheap housekeeping: registrations are rare
        REGISTRY.put(id, new Registration(channel));
        return id;
    }

    /** Ties registration {@code id} to the user's object: once it is garbage, workers are told so. */
    public static void bind(long id, Object processChannel) {
        REGISTRY.get(id).owner = new WeakReference<>(processChannel);
    }

    private static Registration lookup(long id) {
        Registration r = REGISTRY.get(id);
        if (r == null || r.discarded()) {
            throw discarded(id);
        }
        return r;
    }

    private static IllegalStateException discarded(long id) {
        REGISTRY.remove(id);
        return new IllegalStateException("process channel " + id + " was discarded by process " + PID
                + " (nothing there references it any more)");
    }

    /** In the owning process: the object bound to registration {@code id}. */
    public static Object local(long id) {
        Object owner = lookup(id).owner.get();
        if (owner == null) {
            throw discarded(id); // collected between the two reads
        }
        return owner;
    }

    /** In a worker process: the channel with registration {@code id} in process {@code ownerPid}, reached over the worker's link. */
    public static Channel<Object> remote(long ownerPid, long id) {
        WorkerMain link = WorkerMain.current();
        if (link != null && link.parentPid() == ownerPid) {
            return new RemoteChannel(ownerPid, id, link);
        }
        throw new IllegalStateException("this ProcessChannel lives in process " + ownerPid + "; it can be used there"
                + " and in worker processes started by it, not in process " + PID);
    }

    static Object execute(Channel<Object> ch, Call call, Loans loans) throws InterruptedException {
        Object item = call.item();
        long timeoutNanos = call.a();
        return switch (call.op()) {
            case SEND_BATCH -> sendBatch(ch, (List<?>) item);
            case RECEIVE_BATCH -> loans.lend(call.a(), (ReturningChannel) ch, receiveBatch(ch, call.a(), (int) call.b(), loans));
            case GIVE_BACK -> {
                loans.giveBack(call.a(), (int) call.b());
                yield null;
            }
            case SEND -> {
                ch.send(item);
                yield null;
            }
            case SEND_TIMED -> ch.send(item, Duration.ofNanos(timeoutNanos));
            case TRY_SEND -> ch.trySend(item);
            case RECEIVE -> ch.receive();
            case POLL -> ch.poll();
            case POLL_TIMED -> ch.poll(Duration.ofNanos(timeoutNanos));
            case CLOSE -> {
                ch.close();
                yield null;
            }
            case CANCEL -> new ArrayList<>(ch.cancel());
            case IS_CLOSED -> ch.isClosed();
            case IS_CLOSED_FOR_RECEIVE -> ch.isClosedForReceive();
            case SIZE -> ch.size();
            case CAPACITY -> ch.capacity();
            case TASK_DONE -> {
                ch.taskDone();
                yield null;
            }
            case AWAIT_DONE -> {
                ch.awaitDone();
                yield null;
            }
            case AWAIT_DONE_TIMED -> ch.awaitDone(Duration.ofNanos(timeoutNanos));
            case DESCRIBE -> ch.toString();
            default -> throw new IllegalArgumentException("unknown channel operation " + call.op()
                    + "; the worker runs another version of Tandem than its parent");
        };
    }

    /**
     * Sends {@code items} in order, each as {@link Channel#send} would (blocking while the channel is full),
     * and returns the free space afterwards. If the channel refuses one, the rest are not sent and the
     * exception says how many of the batch were refused.
     */
    private static Integer sendBatch(Channel<Object> ch, List<?> items) throws InterruptedException {
        for (int i = 0; i < items.size(); i++) {
            try {
                ch.send(items.get(i));
            } catch (ClosedChannelException e) {
                if (items.size() == 1) {
                    throw e;
                }
                ClosedChannelException refused = new ClosedChannelException(
                        e.getMessage() + "; " + (items.size() - i) + " of the " + items.size() + " items of this batch were refused");
                refused.initCause(e);
                throw refused;
            }
        }
        return free(ch);
    }

    /** What a worker may send without waiting: the free space of a bounded channel, or all of int for an unbounded one. */
    private static Integer free(Channel<Object> ch) {
        int capacity = ch.capacity();
        return capacity == Integer.MAX_VALUE ? Integer.MAX_VALUE : Math.max(0, capacity - ch.size());
    }

    /** Waits for one item, then takes what is there without waiting, up to {@code max} in all. */
    private static ArrayList<Object> receiveBatch(Channel<Object> ch, long key, int max, Loans loans)
            throws InterruptedException {
        loans.settle(key); // asking again means every item of the previous batch was handed out
        ArrayList<Object> batch = new ArrayList<>(Math.min(max, 64));
        batch.add(ch.receive());
        Object next;
        while (batch.size() < max && (next = ch.poll()) != null) {
            batch.add(next);
        }
        return batch;
    }

    /** Parent side: runs a worker's call (may block) and encodes the reply. */
    static byte[] serve(Codec codec, byte[] payload, Loans loans) {
        try {
            Call call = Call.decode(codec, payload);
            Object value = execute(lookup(call.channelId()).channel, call, loans);
            if (value == null) {
                return new byte[] {NULL};
            }
            return withStatus(VALUE, codec.encode(value));
        } catch (Throwable t) {
            if (t instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return withStatus(FAILURE, JavaCodec.INSTANCE.encode(t));
        }
    }

    private static byte[] withStatus(byte status, byte[] body) {
        byte[] out = new byte[body.length + 1];
        out[0] = status;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }
}
