package io.tandem.cluster.internal;

import io.tandem.process.Codec;
import io.tandem.process.CodecException;
import io.tandem.process.Codecs;
import io.tandem.process.RemoteTaskException;

/*
 * Tasks, results and failures as bytes: the process pool's standard codec (Codecs.standard(): compact for
 * plain values, JDK serialization behind its filter for lambdas). Decoding resolves classes through the
 * calling thread's context class loader, so each side sets it to where the classes live (a member: the
 * submitter's SubmitterClassLoader; the submitter: the loader its tasks came from).
 */
final class Payloads {
    private static final Codec CODEC = Codecs.standard();

    private Payloads() {
    }

    static byte[] encode(Object value, String what) {
        try {
            return CODEC.encode(value);
        } catch (CodecException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CodecException("cannot encode " + what + " to send it to a cluster member: " + e, e);
        }
    }

    static Object decode(byte[] bytes, ClassLoader loader) {
        Thread t = Thread.currentThread();
        ClassLoader old = t.getContextClassLoader();
        t.setContextClassLoader(loader);
        try {
            return CODEC.decode(bytes);
        } finally {
            t.setContextClassLoader(old);
        }
    }

    /** A task's failure as bytes: the exception itself if it travels, else its class, message and stack. */
    static byte[] failure(Throwable error) {
        try {
            return CODEC.encode(error);
        } catch (RuntimeException e) {
            RemoteTaskException r = new RemoteTaskException(error.getClass().getName(), String.valueOf(error.getMessage()),
                    error.getStackTrace());
            return CODEC.encode(r);
        }
    }

    static Throwable decodeFailure(byte[] bytes, ClassLoader loader) {
        try {
            Object o = decode(bytes, loader);
            return o instanceof Throwable t ? t : new CodecException("a member sent a failure that is not an exception: " + o, null);
        } catch (RuntimeException e) {
            return new CodecException("a member's failure could not be decoded here: " + e, e);
        }
    }
}
