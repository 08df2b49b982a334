package io.tandem;

import io.tandem.function.SerializableCallable;

import java.io.Serial;

/** Serializable adapters, so runnables submitted to a process pool can travel when what they wrap can. */
public final class Adapters {
    private Adapters() {
    }

    /** A runnable run as a callable that returns {@code result}. */
    public record RunnableCall<T>(Runnable task, T result) implements SerializableCallable<T> {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public T call() {
            task.run();
            return result;
        }
    }
}
