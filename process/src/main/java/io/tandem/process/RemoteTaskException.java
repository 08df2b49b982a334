package io.tandem.process;

import io.tandem.TandemException;

import java.io.Serial;

/**
 * A task threw in a worker process, and its exception could not be rebuilt in the parent (its class is
 * missing there, or it did not survive the codec). It carries the remote exception's class name and
 * message, and its stack trace is the remote one, so the trace reads as if the task had thrown here.
 * When the original exception can be rebuilt, the parent gets that instead, with the remote stack trace.
 *
 * <p>Thread safety: immutable.
 */
public final class RemoteTaskException extends TandemException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String remoteClassName;

    public RemoteTaskException(String remoteClassName, String remoteMessage, StackTraceElement[] remoteStack) {
        super(remoteClassName + (remoteMessage == null ? "" : ": " + remoteMessage) + " (thrown in a worker process)");
        this.remoteClassName = remoteClassName;
        setStackTrace(remoteStack);
    }

    /** The fully qualified class name of the exception thrown in the worker. */
    public String remoteClassName() {
        return remoteClassName;
    }
}
