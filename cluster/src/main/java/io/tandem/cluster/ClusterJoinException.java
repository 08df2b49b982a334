package io.tandem.cluster;

import io.tandem.TandemException;

import java.io.Serial;

/**
 * A cluster pool could not start: no member with this process's cluster secret joined in time, members
 * refused it (a different {@code TANDEM_CLUSTER_SECRET}), or local member processes failed to start. The
 * message says which and what was seen. Thread safety: immutable.
 */
public final class ClusterJoinException extends TandemException {
    @Serial
    private static final long serialVersionUID = 1L;

    public ClusterJoinException(String message) {
        super(message);
    }

    public ClusterJoinException(String message, Throwable cause) {
        super(message, cause);
    }
}
