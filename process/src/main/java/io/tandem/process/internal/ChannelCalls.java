package io.tandem.process.internal;

import io.tandem.process.Codec;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the channel operations one worker's tasks ask for: each CH_CALL runs (it may block) on its own
 * virtual thread and is answered with CH_REPLY; a CH_ABORT, or the worker's death, interrupts it. See
 * {@link ChannelRpc} for what an operation does and why an abort still gets a reply. The batches the
 * worker's iterators hold are tracked in {@link Loans} and put back when the worker is gone. Thread-safe.
 */
final class ChannelCalls {
    private final WorkerHandle worker;
    private final Codec codec;
    private final String threadName;
    private final Map<Long, Op> running = new ConcurrentHashMap<>();
    private final Loans loans = new Loans();

    ChannelCalls(WorkerHandle worker, Codec codec, String poolName) {
        this.worker = worker;
        this.codec = codec;
        this.threadName = poolName + "-channel-op";
    }

    /** Runs the operation of a CH_CALL frame. Called by the worker's reader thread, in frame order. */
    void serve(Frames.Frame call) {
        Op op = new Op();
        running.put(call.id(), op); // registered before the abort frame can be read (same reader thread)
        Thread.ofVirtual().name(threadName).start(() -> {
            op.begin();
            byte[] reply;
            try {
                reply = ChannelRpc.serve(codec, call.payload(), loans);
            } finally {
                running.remove(call.id());
                Thread.interrupted();
            }
            if (worker.write(Frames.CH_REPLY, call.id(), reply)) {
                worker.flush();
            }
        });
    }

    /** The task waiting for operation {@code id} was interrupted (a CH_ABORT frame). */
    void abort(long id) {
        Op op = running.get(id);
        if (op != null) {
            op.abort();
        }
    }

    /** The worker is gone: nobody is left to receive the replies, and what it had taken in batches goes back. */
    void abortAll() {
        running.values().forEach(Op::abort);
        loans.workerGone();
    }

    /** A channel operation run for a worker; an abort may arrive before its thread starts. */
    private static final class Op {
        private Thread thread;
        private boolean aborted;

        synchronized void begin() {
            thread = Thread.currentThread();
            if (aborted) {
                thread.interrupt();
            }
        }

        synchronized void abort() {
            aborted = true;
            if (thread != null) {
                thread.interrupt();
            }
        }
    }
}
