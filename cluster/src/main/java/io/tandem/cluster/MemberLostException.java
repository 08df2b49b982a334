package io.tandem.cluster;

import io.tandem.TandemException;

import java.io.Serial;
import java.util.UUID;

/**
 * A task failed because the cluster member running it left (killed, crashed, cut off past the detection
 * timeout, or shut down without finishing it) and the pool's retry policy allowed no further attempt.
 * The message names the member (address and id), the task and the attempt.
 *
 * <p>Execution on a cluster is at-least-once: the member may have run part or all of the task before it
 * was lost, so a retried task's side effects must be idempotent. Its result is delivered once.
 *
 * <p>Thread safety: immutable.
 */
public final class MemberLostException extends TandemException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String memberAddress;
    private final UUID memberId;
    private final String taskName;
    private final int attempt;

    public MemberLostException(String memberAddress, UUID memberId, String taskName, int attempt, String how) {
        super("cluster member " + memberAddress + " (" + memberId + ") " + how + " while running task " + taskName
                + " (attempt " + attempt + ")");
        this.memberAddress = memberAddress;
        this.memberId = memberId;
        this.taskName = taskName;
        this.attempt = attempt;
    }

    /** The lost member's address, {@code host:port}. */
    public String memberAddress() {
        return memberAddress;
    }

    /** The lost member's id in the cluster. */
    public UUID memberId() {
        return memberId;
    }

    /** The name of the task that was running there. */
    public String taskName() {
        return taskName;
    }

    /** The attempt that was lost (1 = the first). */
    public int attempt() {
        return attempt;
    }
}
