package io.tandem.graph.internal;

import io.tandem.function.SerializableCallable;
import io.tandem.function.SerializableFunction;
import io.tandem.Outcome;
import io.tandem.Task;
import io.tandem.graph.TaskContext;
import io.tandem.spi.TaskLabel;

import java.util.concurrent.ScheduledFuture;

/**
 * One attempt of one task. In-process pools run it as is (recording its start and end); worker
 * processes get a {@link Remote} copy of the function and context. The outcome is published to the
 * scheduler through its inbox, which orders it before the scheduler reads it.
 */
final class Attempt implements SerializableCallable<Object>, TaskLabel {
    private static final long serialVersionUID = 1L;
    final transient Node node;
    final transient int number;
    final transient int slot;
    final transient Ctx ctx;
    final transient long t0;
    volatile transient long start = -1;
    volatile transient long end = -1;
    volatile transient boolean timedOut;
    transient Task<Object> task;
    transient ScheduledFuture<?> timeout;
    transient Outcome<Object> outcome;

    Attempt(Node node, int number, int slot, Ctx ctx, long t0) {
        this.node = node;
        this.number = number;
        this.slot = slot;
        this.ctx = ctx;
        this.t0 = t0;
    }

    @Override
    public Object call() throws Exception {
        start = System.nanoTime() - t0;
        try {
            return node.spec.fn().apply(ctx);
        } finally {
            end = System.nanoTime() - t0;
        }
    }

    /** Observers group a graph's tasks by their name. */
    @Override
    public String taskLabel() {
        return node.spec.name();
    }

    /** What a worker process runs. */
    record Remote(SerializableFunction<TaskContext, Object> fn, Ctx ctx) implements SerializableCallable<Object> {
        @Override
        public Object call() throws Exception {
            return fn.apply(ctx);
        }
    }
}
