package io.tandem.process.internal;

import io.tandem.process.Codec;
import io.tandem.process.CodecException;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/*
 * The map functions a worker was sent (DEFINE frames), decoded when the first chunk that needs one runs.
 *
 * Decoding happens on the task thread, never on the frame reader: a function whose classes this worker
 * cannot load then fails the chunks that use it (a CodecException naming what could not be decoded),
 * not the worker, and decoding may ask the parent for classes (ParentClassLoader), which needs the
 * reader free to hand over the reply. A function that could not be decoded stays undecodable: every
 * chunk of it fails the same way without decoding again.
 */
final class MapFunctions {
    private final Map<Long, Object> byId = new ConcurrentHashMap<>(); // Encoded, Undecodable or the function

    /** A DEFINE frame arrived. Called by the reader thread, before any chunk that uses the function. */
    void define(long id, byte[] encoded) {
        byId.put(id, new Encoded(encoded));
    }

    /** The function with this id, decoded on first use. Called by the task thread only. */
    Object get(long id, Codec codec) {
        Object fn = byId.get(id);
        if (fn == null) {
            throw new IllegalStateException("function " + id + " was never defined in this worker");
        }
        if (fn instanceof Encoded e) {
            try {
                fn = codec.decode(e.bytes());
            } catch (RuntimeException | LinkageError ex) {
                Undecodable u = new Undecodable("the map function could not be decoded in this worker: " + message(ex), ex);
                byId.put(id, u);
                throw u.failure();
            }
            byId.put(id, fn);
        }
        if (fn instanceof Undecodable u) {
            throw u.failure();
        }
        return fn;
    }

    /** The failure's message and, when it does not say it already, the root cause: the actual reason. */
    private static String message(Throwable t) {
        String message = t instanceof CodecException ? t.getMessage() : t.toString();
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == t || message.contains(String.valueOf(root.getMessage())) ? message : message + "; caused by " + root;
    }

    private record Encoded(byte[] bytes) {
    }

    private record Undecodable(String message, Throwable cause) {
        CodecException failure() {
            return new CodecException(message, cause);
        }
    }
}
