package io.tandem.graph.internal;

/** Carries a checked exception out of a task function; the engine unwraps it, so results show the original. */
final class TaskFailedException extends RuntimeException {
    TaskFailedException(Exception cause) {
        super(cause);
    }
}
