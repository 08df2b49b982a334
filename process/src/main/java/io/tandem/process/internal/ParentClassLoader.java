package io.tandem.process.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/*
 * A worker's class loader for classes that exist only in the parent: those of a program run with the
 * JDK's source launcher (`java Prog.java` compiles into memory; the class path has none of them), or
 * loaded there by some other class loader. It delegates to the worker's own loader first, so classes on
 * the shared class path load as usual; a class found nowhere here is asked of the parent (CLASS_REQUEST),
 * which answers with its bytes or why not (CLASS_REPLY).
 *
 * Threads. The thread that needs the class (the task thread, a Fory compiler thread, a user's thread)
 * sends the request and waits for the reply; the worker's reader thread only hands the reply over
 * (reply()), so it never waits on itself. The reader thread itself may not ask: it would wait for a frame
 * only it can read. The wait ignores interrupts (a cancelled task's thread would otherwise lose the reply
 * and the class half-loaded) and restores the flag afterwards; the parent always answers, and if it is
 * gone this worker exits. Classes are defined once (the JDK locks per class name, this loader is parallel
 * capable); names the parent does not have are remembered, so they cost one round trip per worker.
 */
final class ParentClassLoader extends ClassLoader {
    static final byte FOUND = 1;
    static final byte NOT_FOUND = 0;

    static {
        registerAsParallelCapable();
    }

    /** Sends one frame to the parent and flushes it, whatever the calling thread's interrupt status. */
    interface Wire {
        void send(byte type, long id, byte[] payload);
    }

    private final Wire wire;
    private final Thread reader;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<byte[]>> pending = new ConcurrentHashMap<>();
    private final Map<String, String> missing = new ConcurrentHashMap<>(); // name -> why the parent has none

    ParentClassLoader(ClassLoader parent, Wire wire, Thread reader) {
        super("tandem-parent-classes", parent);
        this.wire = wire;
        this.reader = reader;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        String why = missing.get(name);
        if (why == null) {
            if (Thread.currentThread() == reader) {
                throw new ClassNotFoundException(name + " is not on this worker's class path (and the worker's"
                        + " frame reader cannot ask the parent process for it)");
            }
            byte[] reply = ask(name);
            if (reply.length > 0 && reply[0] == FOUND) {
                return defineClass(name, reply, 1, reply.length - 1);
            }
            why = new String(reply, Math.min(1, reply.length), Math.max(0, reply.length - 1), StandardCharsets.UTF_8);
            missing.put(name, why);
        }
        throw new ClassNotFoundException(name + " is neither on this worker's class path nor available from the"
                + " parent process (" + why + ")");
    }

    private byte[] ask(String name) {
        long id = ids.incrementAndGet();
        CompletableFuture<byte[]> reply = new CompletableFuture<>();
        pending.put(id, reply);
        try {
            wire.send(Frames.CLASS_REQUEST, id, name.getBytes(StandardCharsets.UTF_8));
            return reply.join(); // uninterruptible; keeps the interrupt flag for the caller
        } finally {
            pending.remove(id);
        }
    }

    /** The parent's answer to request {@code id}. Called by the reader thread. */
    void reply(long id, byte[] payload) {
        CompletableFuture<byte[]> r = pending.get(id);
        if (r != null) {
            r.complete(payload);
        }
    }

    /** The reply payload for a class the parent found. */
    static byte[] found(byte[] classBytes) {
        byte[] out = new byte[classBytes.length + 1];
        out[0] = FOUND;
        System.arraycopy(classBytes, 0, out, 1, classBytes.length);
        return out;
    }

    /** The reply payload for a class the parent could not find. */
    static byte[] notFound(String why) {
        byte[] text = why.getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(new byte[] {NOT_FOUND}, text.length + 1);
        System.arraycopy(text, 0, out, 1, text.length);
        return out;
    }
}
