package io.tandem.process.internal;

import java.io.Serial;
import java.io.Serializable;

/** What travels in task and error frames. */
public final class Jobs {
    private Jobs() {
    }

    /** A chunk of a map whose function was sent once per worker in a DEFINE frame. */
    public record ChunkJob(long fnId, Object[] items, long firstIndex) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    /**
     * A failure in a worker: the exception itself when the codec could carry it, and always its class
     * name, message and stack trace, so the parent can report it even when the class is unknown there.
     */
    public record RemoteFailure(Throwable error, String className, String message, StackTraceElement[] stack)
            implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        public static RemoteFailure of(Throwable t, boolean withObject) {
            return new RemoteFailure(withObject ? t : null, t.getClass().getName(), t.getMessage(), t.getStackTrace());
        }
    }
}
