package io.tandem.channel;

import io.tandem.channel.Channel;
import java.io.Serial;

/**
 * Thrown when a {@link Channel} can no longer do what was asked: {@link Channel#send} after
 * {@link Channel#close()} or {@link Channel#cancel()} (the channel accepts no more items), or
 * {@link Channel#receive()} once the channel is closed and drained (no more items will arrive). The
 * message names the operation and the channel's state.
 *
 * <p>It is an {@link IllegalStateException}: the channel's state, not the argument, is what rules the
 * call out. Fast paths never throw it: {@link Channel#trySend} returns {@code false} and
 * {@link Channel#poll()} returns {@code null} instead.
 *
 * <p>Thread safety: instances are immutable once thrown, apart from suppressed exceptions, which the JDK
 * adds with its own synchronisation.
 */
public final class ClosedChannelException extends IllegalStateException {
    @Serial
    private static final long serialVersionUID = 1L;

    public ClosedChannelException(String message) {
        super(message);
    }
}
