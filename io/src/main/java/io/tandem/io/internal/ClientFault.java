package io.tandem.io.internal;

/**
 * A request the client got wrong or cut short, met while a handler read it: answered with {@link #status()}
 * (a 4xx) and the connection closed, never a 500 and never a server warning. {@link #clientGone()} marks a
 * client that disconnected or stopped mid-body: nobody may be listening, so nothing is logged above debug.
 */
final class ClientFault extends RuntimeException {
    private final int status;
    private final boolean clientGone;

    ClientFault(int status, String message, boolean clientGone, Throwable cause) {
        super(message, cause, false, false);
        this.status = status;
        this.clientGone = clientGone;
    }

    int status() {
        return status;
    }

    boolean clientGone() {
        return clientGone;
    }

    /** The fault in {@code e}'s cause chain, or null: a handler may have wrapped it. */
    static ClientFault in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ClientFault f) {
                return f;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
