package io.tandem.limit;

import io.tandem.limit.Limiter;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** A permit that runs its release action on the first {@link #close()} only (a CAS decides which call). */
abstract class OncePermit implements Limiter.Permit {
    private static final VarHandle CLOSED;

    static {
        try {
            CLOSED = MethodHandles.lookup().findVarHandle(OncePermit.class, "closed", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int count;
    @SuppressWarnings("unused") // accessed through CLOSED
    private volatile boolean closed;

    protected OncePermit(int count) {
        this.count = count;
    }

    /** Gives the permits back; called exactly once. */
    protected abstract void release();

    @Override
    public final int count() {
        return count;
    }

    @Override
    public final boolean isClosed() {
        return closed;
    }

    @Override
    public final void close() {
        if (CLOSED.compareAndSet(this, false, true)) {
            release();
        }
    }

    @Override
    public String toString() {
        return "Permit[" + count + (closed ? ", closed]" : "]");
    }
}
