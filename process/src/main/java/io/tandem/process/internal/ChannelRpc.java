package io.tandem.process.internal;

import io.tandem.channel.Channel;
import io.tandem.process.Codec;

import java.io.Serial;
import java.io.Serializable;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/*
 * How a ProcessChannel works across processes.
 *
 * The channel lives in the process that created it, in a registry keyed by id. In that process a
 * ProcessChannel calls the channel directly (Local). A handle decoded in one of its worker processes
 * becomes a Remote backend: each operation is a CH_CALL frame on the worker's connection; the parent runs
 * it on a virtual thread (it may block: a send on a full channel, a receive on an empty one) and answers
 * with CH_REPLY. A worker task interrupted while waiting sends CH_ABORT and then still waits for the
 * reply: the parent interrupts the operation, which either completed (the item is delivered and the
 * interrupt flag set again) or did not (InterruptedException) — never both, never neither, exactly as
 * Channel behaves in one process. Replies carry a status byte: a value (pool codec), null, or a failure
 * (JDK serialization, as every failure in this module).
 */
public final class ChannelRpc {
    public static final byte SEND = 1;
    public static final byte SEND_TIMED = 2;
    public static final byte TRY_SEND = 3;
    public static final byte RECEIVE = 4;
    public static final byte POLL = 5;
    public static final byte POLL_TIMED = 6;
    public static final byte CLOSE = 7;
    public static final byte CANCEL = 8;
    public static final byte IS_CLOSED = 9;
    public static final byte IS_CLOSED_FOR_RECEIVE = 10;
    public static final byte SIZE = 11;
    public static final byte TASK_DONE = 12;
    public static final byte AWAIT_DONE = 13;

    private static final byte VALUE = 0;
    private static final byte NULL = 1;
    private static final byte FAILURE = 2;

    private static final Map<Long, Local> REGISTRY = new ConcurrentHashMap<>();
    private static final AtomicLong IDS = new AtomicLong();
    private static final long PID = ProcessHandle.current().pid();

    private ChannelRpc() {
    }

    /** One side's way to run operations. */
    public interface Backend {
        long ownerPid();

        Object call(byte op, Object item, long timeoutNanos) throws InterruptedException;
    }

    /** What a worker sends. */
    public record Call(long channelId, byte op, Object item, long timeoutNanos) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    /** The channel in its own process. */
    public static final class Local implements Backend {
        private final long id;
        private final Channel<Object> channel;
        private volatile WeakReference<Object> owner = new WeakReference<>(null);

        Local(long id, Channel<Object> channel) {
            this.id = id;
            this.channel = channel;
        }

        public long id() {
            return id;
        }

        /** Ties the registration to the user's object: once it is garbage, workers are told so. */
        public void bind(Object processChannel) {
            owner = new WeakReference<>(processChannel);
        }

        boolean discarded() {
            return owner.get() == null;
        }

        @Override
        public long ownerPid() {
            return PID;
        }

        @Override
        public Object call(byte op, Object item, long timeoutNanos) throws InterruptedException {
            return execute(channel, op, item, timeoutNanos);
        }
    }

    public static Local register(Channel<Object> channel) {
        long id = IDS.incrementAndGet();
        Local local = new Local(id, channel);
        REGISTRY.put(id, local);
        REGISTRY.values().removeIf(Local::discarded); // cheap housekeeping: registrations are rare
        REGISTRY.put(id, local);
        return local;
    }

    private static Local lookup(long id) {
        Local l = REGISTRY.get(id);
        if (l == null || l.discarded()) {
            REGISTRY.remove(id);
            throw new IllegalStateException("process channel " + id + " was discarded by process " + PID
                    + " (nothing there references it any more)");
        }
        return l;
    }

    /** The backend for a handle decoded in this process. */
    public static Backend backendFor(long ownerPid, long id) {
        if (ownerPid == PID) {
            return lookup(id);
        }
        WorkerMain link = WorkerMain.current();
        if (link != null && link.parentPid() == ownerPid) {
            return new Remote(ownerPid, id, link);
        }
        throw new IllegalStateException("this ProcessChannel lives in process " + ownerPid + "; it can be used there"
                + " and in worker processes started by it, not in process " + PID);
    }

    @SuppressWarnings("unchecked")
    static Object execute(Channel<Object> ch, byte op, Object item, long timeoutNanos) throws InterruptedException {
        return switch (op) {
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
            case CANCEL -> new java.util.ArrayList<>(ch.cancel());
            case IS_CLOSED -> ch.isClosed();
            case IS_CLOSED_FOR_RECEIVE -> ch.isClosedForReceive();
            case SIZE -> ch.size();
            case TASK_DONE -> {
                ch.taskDone();
                yield null;
            }
            case AWAIT_DONE -> {
                ch.awaitDone();
                yield null;
            }
            default -> throw new IllegalArgumentException("unknown channel operation " + op);
        };
    }

    /** Parent side: runs a worker's call (may block) and encodes the reply. */
    static byte[] serve(Codec codec, byte[] payload) {
        try {
            Call call = (Call) codec.decode(payload);
            Object value = execute(lookup(call.channelId()).channel, call.op(), call.item(), call.timeoutNanos());
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

    /** A channel seen from a worker process. */
    static final class Remote implements Backend {
        private final long ownerPid;
        private final long id;
        private final WorkerMain link;

        Remote(long ownerPid, long id, WorkerMain link) {
            this.ownerPid = ownerPid;
            this.id = id;
            this.link = link;
        }

        @Override
        public long ownerPid() {
            return ownerPid;
        }

        @Override
        public Object call(byte op, Object item, long timeoutNanos) throws InterruptedException {
            byte[] reply = link.channelCall(link.codec().encode(new Call(id, op, item, timeoutNanos)));
            byte[] body = java.util.Arrays.copyOfRange(reply, 1, reply.length);
            return switch (reply[0]) {
                case NULL -> null;
                case VALUE -> link.codec().decode(body);
                default -> {
                    Throwable t = (Throwable) JavaCodec.INSTANCE.decode(body);
                    switch (t) {
                        case InterruptedException ie -> throw ie;
                        case RuntimeException re -> throw re;
                        case Error err -> throw err;
                        default -> throw new IllegalStateException("channel operation failed in process " + ownerPid, t);
                    }
                }
            };
        }
    }
}
