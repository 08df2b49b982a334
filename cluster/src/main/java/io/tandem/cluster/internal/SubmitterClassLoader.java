package io.tandem.cluster.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/*
 * A member's class loader for the classes of one submitter: the classes of its tasks that this member's
 * class path lacks (a `tandem worker` on a bare machine has only Tandem's jars). It delegates to the
 * member's own loader first; a class found nowhere here is asked of the submitter, which answers with its
 * bytes or why not. This is the process pool's ParentClassLoader pattern (process/.../ParentClassLoader,
 * ClassServer), copied rather than shared because those classes are internal to the process module and
 * the transport differs: here the request is a sealed call through Hazelcast's executor to the submitter.
 *
 * Threads. The task thread that needs a class waits for the answer (a bounded wait: the submitter's loss
 * ends it with a ClassNotFoundException). Names the submitter does not have are remembered, so they cost
 * one round trip per member. One loader per submitter, dropped when it leaves.
 */
final class SubmitterClassLoader extends ClassLoader {
    static final byte FOUND = 1;
    static final byte NOT_FOUND = 0;

    static {
        registerAsParallelCapable();
    }

    interface Asker {
        byte[] ask(String name) throws Exception;
    }

    private final Asker asker;
    private final Map<String, String> missing = new ConcurrentHashMap<>();

    SubmitterClassLoader(ClassLoader parent, Asker asker) {
        super("tandem-submitter-classes", parent);
        this.asker = asker;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        String why = missing.get(name);
        if (why == null) {
            byte[] reply;
            try {
                reply = asker.ask(name);
            } catch (Exception e) {
                throw new ClassNotFoundException(name + " is not on this member's class path and asking the submitter"
                        + " for it failed: " + e, e);
            }
            if (reply.length > 0 && reply[0] == FOUND) {
                return defineClass(name, reply, 1, reply.length - 1);
            }
            why = new String(reply, Math.min(1, reply.length), Math.max(0, reply.length - 1), StandardCharsets.UTF_8);
            missing.put(name, why);
        }
        throw new ClassNotFoundException(name + " is neither on this member's class path nor available from the"
                + " submitter (" + why + ")");
    }

    static byte[] found(byte[] classBytes) {
        byte[] out = new byte[classBytes.length + 1];
        out[0] = FOUND;
        System.arraycopy(classBytes, 0, out, 1, classBytes.length);
        return out;
    }

    static byte[] notFound(String why) {
        byte[] text = why.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[text.length + 1];
        out[0] = NOT_FOUND;
        System.arraycopy(text, 0, out, 1, text.length);
        return out;
    }
}
