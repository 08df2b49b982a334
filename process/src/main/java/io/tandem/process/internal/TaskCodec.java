package io.tandem.process.internal;

import io.tandem.function.SerializableFunction;
import io.tandem.process.Codec;
import io.tandem.process.CodecException;
import io.tandem.process.RemoteTaskException;
import io.tandem.spi.MapChunk;
import io.tandem.spi.TaskHandle;

import java.io.Serializable;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Callable;

/**
 * Turns tasks into wire payloads and workers' answers back into values and exceptions: the pool's codec,
 * the check that a lambda can travel at all, and a cache that encodes each {@code map} function once.
 * Thread-safe: encoding runs in submitting threads, decoding in workers' reader threads.
 */
final class TaskCodec {
    private final Codec codec;
    private final Map<Object, RemoteTask.FnRef> fnRefs = new WeakHashMap<>(); // guarded by itself
    private long fnSequence;                                                 // guarded by fnRefs

    TaskCodec(Codec codec) {
        this.codec = codec;
    }

    Codec codec() {
        return codec;
    }

    /** Encodes {@code value}; {@code what} names it in the error ("the task t-3", "the initializer"). */
    byte[] encode(Object value, String what) {
        if (value.getClass().isHidden() && !(value instanceof Serializable)) {
            throw new CodecException(what + " is a lambda that is not serializable, so it cannot travel to a worker"
                    + " process. Pass it where a SerializableCallable/SerializableFunction/SerializableRunnable is"
                    + " expected (pool.submit(() -> ...) does this); a variable typed Callable or Runnable does not.", null);
        }
        try {
            return codec.encode(value);
        } catch (CodecException e) {
            throw new CodecException("cannot send " + what + " to a worker process: " + e.getMessage(), e);
        }
    }

    /** Encodes a task in the submitter's thread, so a task that cannot travel fails its submission. */
    RemoteTask<?> prepare(TaskHandle<?> task) {
        Callable<?> callable = task.callable();
        if (callable instanceof MapChunk<?, ?> chunk) {
            RemoteTask.FnRef fn = fnRef(chunk.fn());
            byte[] payload = encode(new Jobs.ChunkJob(fn.id(), chunk.items(), chunk.firstIndex()), "the items of a map");
            return new RemoteTask<>(task, Frames.TASK_CHUNK, payload, fn);
        }
        Object unwrapped = task.submitted();
        if (unwrapped.getClass().isHidden() && !(unwrapped instanceof Serializable)) {
            encode(unwrapped, "the task"); // throws the explanatory CodecException
        }
        byte[] payload = encode(callable, "the task " + task.name());
        return new RemoteTask<>(task, Frames.TASK_CALL, payload, null);
    }

    private RemoteTask.FnRef fnRef(SerializableFunction<?, ?> fn) {
        synchronized (fnRefs) {
            RemoteTask.FnRef ref = fnRefs.get(fn);
            if (ref == null) {
                ref = new RemoteTask.FnRef(++fnSequence, encode(fn, "the map function"));
                fnRefs.put(fn, ref);
            }
            return ref;
        }
    }

    /** Completes {@code t} with the value a RESULT frame carries, or fails it if that cannot be decoded. */
    void complete(RemoteTask<?> t, byte[] payload) {
        Object value;
        try {
            value = codec.decode(payload);
        } catch (CodecException e) {
            t.failRemotely(new CodecException("the result of task " + t.name() + " could not be decoded: "
                    + e.getMessage(), e));
            return;
        }
        completeUnchecked(t, value);
    }

    @SuppressWarnings("unchecked")
    private static <T> void completeUnchecked(RemoteTask<T> t, Object value) {
        t.completeRemotely((T) value);
    }

    /** The exception an ERROR or INIT_FAILED frame carries: the original if it could travel, else a stand-in. */
    Throwable failure(byte[] payload) {
        Jobs.RemoteFailure rf;
        try {
            rf = (Jobs.RemoteFailure) JavaCodec.INSTANCE.decode(payload); // see WorkerMain.encodeFailure
        } catch (RuntimeException e) {
            return new CodecException("a worker reported a failure that could not be decoded: " + e.getMessage(), e);
        }
        Throwable error = rf.error();
        if (error != null) {
            if (error.getStackTrace().length == 0 && rf.stack() != null) {
                error.setStackTrace(rf.stack());
            }
            return error;
        }
        return new RemoteTaskException(rf.className(), rf.message(), rf.stack() == null ? new StackTraceElement[0] : rf.stack());
    }
}
