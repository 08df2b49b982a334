package io.tandem.process.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/*
 * The wire format between a pool and its workers: length-prefixed frames on a Unix domain socket.
 *
 *   int length (of what follows) | byte type | long id | payload (length - 9 bytes)
 *
 * Frames are built into a growable buffer and flushed in batches, so a burst of submissions (or of
 * results) costs one write system call, not one per task. A SocketChannel allows one reader and one
 * writer at the same time, which is exactly how both ends use it: one reader thread, writers under a lock.
 */
public final class Frames {
    // parent -> worker
    public static final byte INIT = 1;        // payload: encoded initializer (or empty)
    public static final byte DEFINE = 2;      // id: function id; payload: encoded function
    public static final byte TASK_CALL = 3;   // id: task id; payload: encoded callable
    public static final byte TASK_CHUNK = 4;  // id: task id; payload: encoded ChunkJob
    public static final byte CANCEL = 5;      // id: task id
    public static final byte SHUTDOWN = 6;
    public static final byte CH_REPLY = 7;    // id: request id; payload: status + body (see ChannelRpc)
    public static final byte CLASS_REPLY = 8; // id: request id; payload: 1 + class bytes, or 0 + why not (UTF-8)
    // worker -> parent
    public static final byte HELLO = 20;      // id: pid; payload: token
    public static final byte READY = 21;
    public static final byte INIT_FAILED = 22; // payload: encoded RemoteFailure
    public static final byte RESULT = 23;     // id: task id; payload: encoded value
    public static final byte ERROR = 24;      // id: task id; payload: encoded RemoteFailure
    public static final byte CANCELLED = 25;  // id: task id (cancelled before it started)
    public static final byte CH_CALL = 26;    // id: request id; payload: encoded ChannelRpc.Call
    public static final byte CH_ABORT = 27;   // id: request id: the waiting task was interrupted
    public static final byte CLASS_REQUEST = 28; // id: request id; payload: binary class name (UTF-8)

    static final int HEADER = 4 + 1 + 8;
    static final int MAX_FRAME = Integer.MAX_VALUE - 64;

    private Frames() {
    }

    /** One frame read off the wire. */
    public record Frame(byte type, long id, byte[] payload) {
    }

    /**
     * Appends frames to a buffer and writes them out on {@link #flush}. A large payload (a big result or
     * task) is not copied into the buffer: it is written from the caller's array, after what was buffered
     * before it, so a 200 MB result costs no second 200 MB here and the buffer does not stay that large.
     * Not thread-safe: callers lock.
     */
    public static final class Writer {
        static final int DIRECT_PAYLOAD = 256 * 1024;
        private static final int INITIAL = 64 * 1024;

        private final SocketChannel channel;
        private ByteBuffer buf = ByteBuffer.allocate(INITIAL);
        /* What precedes buf's content on the wire: buffered bytes cut off before each large payload, and the payloads. */
        private final java.util.ArrayList<ByteBuffer> ahead = new java.util.ArrayList<>(0);

        public Writer(SocketChannel channel) {
            this.channel = channel;
        }

        public void frame(byte type, long id, byte[] payload) {
            int n = payload == null ? 0 : payload.length;
            if (n > MAX_FRAME - 9) {
                throw new IllegalArgumentException("a frame carries at most " + (MAX_FRAME - 9) + " bytes, not " + n);
            }
            if (n >= DIRECT_PAYLOAD) {
                ensure(HEADER);
                buf.putInt(1 + 8 + n).put(type).putLong(id);
                buf.flip();
                ahead.add(ByteBuffer.allocate(buf.remaining()).put(buf).flip());
                buf.clear();
                ahead.add(ByteBuffer.wrap(payload));
                return;
            }
            ensure(HEADER + n);
            buf.putInt(1 + 8 + n).put(type).putLong(id);
            if (n > 0) {
                buf.put(payload);
            }
        }

        public void frame(byte type, long id) {
            frame(type, id, null);
        }

        public boolean hasPending() {
            return buf.position() > 0 || !ahead.isEmpty();
        }

        public void flush() throws IOException {
            buf.flip();
            try {
                for (ByteBuffer b : ahead) {
                    while (b.hasRemaining()) {
                        channel.write(b);
                    }
                }
                while (buf.hasRemaining()) {
                    channel.write(buf);
                }
            } finally {
                ahead.clear();
                buf.clear();
                if (buf.capacity() > 16 * INITIAL) {
                    buf = ByteBuffer.allocate(INITIAL); // a burst grew it: do not keep megabytes per worker
                }
            }
        }

        private void ensure(int more) {
            if (buf.remaining() < more) {
                int size = Math.max(buf.capacity() * 2, buf.position() + more);
                ByteBuffer bigger = ByteBuffer.allocate(size);
                buf.flip();
                bigger.put(buf);
                buf = bigger;
            }
        }
    }

    /** Reads frames with a buffer, so many small frames cost few system calls. One reader thread. */
    public static final class Reader {
        private final SocketChannel channel;
        private final ByteBuffer buf = ByteBuffer.allocate(64 * 1024);

        public Reader(SocketChannel channel) {
            this.channel = channel;
            buf.flip();
        }

        /** The next frame; throws {@link EOFException} when the other end closed the connection. */
        public Frame next() throws IOException {
            fill(4);
            int length = buf.getInt();
            if (length < 9 || length > MAX_FRAME) {
                throw new IOException("corrupt frame: length " + length);
            }
            fill(9);
            byte type = buf.get();
            long id = buf.getLong();
            byte[] payload = new byte[length - 9];
            int off = 0;
            while (off < payload.length) {
                if (!buf.hasRemaining()) {
                    refill();
                }
                int n = Math.min(buf.remaining(), payload.length - off);
                buf.get(payload, off, n);
                off += n;
            }
            return new Frame(type, id, payload);
        }

        private void fill(int need) throws IOException {
            while (buf.remaining() < need) {
                refill();
            }
        }

        private void refill() throws IOException {
            buf.compact();
            try {
                int n = channel.read(buf);
                if (n < 0) {
                    throw new EOFException("connection closed");
                }
            } finally {
                buf.flip();
            }
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
